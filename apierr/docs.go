package apierr

import (
	"strconv"
	"strings"
)

// Markdown returns the catalogue as Markdown tables, like the provider's own
// reference: one row per code with its message, HTTP status and, where the
// catalogue has modules, module; then the errkit extension codes with when
// each is sent. Codes are shown as the body shows them ("[PAY0001]" in
// Nexpay v2). The README's tables and `errkit docs` are this text, and a
// test keeps them equal.
func (c *Catalogue) Markdown() string {
	var b strings.Builder
	var ext []Code
	modules := len(c.Modules()) > 0
	if modules {
		b.WriteString("| Code | Message | HTTP Status | Module |\n|---|---|---|---|\n")
	} else {
		b.WriteString("| Code | Message | HTTP Status |\n|---|---|---|\n")
	}
	for _, code := range c.Codes() {
		if code.Extension() {
			ext = append(ext, code)
			continue
		}
		b.WriteString("| `" + mdCell(c.label(code.ID())) + "` | " + mdCell(code.Message()) + " | " + strconv.Itoa(code.Status()) + " |")
		if modules {
			b.WriteString(" " + mdCell(code.Module().Name) + " |")
		}
		b.WriteByte('\n')
	}
	if len(ext) > 0 {
		b.WriteString("\nerrkit extension codes, for conditions the provider documents no code for:\n\n")
		b.WriteString("| Code | Message | HTTP Status | Sent when |\n|---|---|---|---|\n")
		for _, code := range ext {
			b.WriteString("| `" + mdCell(c.label(code.ID())) + "` | " + mdCell(code.Message()) + " | " + strconv.Itoa(code.Status()) + " | " + mdCell(code.Description()) + " |\n")
		}
	}
	return b.String()
}

func mdCell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}
