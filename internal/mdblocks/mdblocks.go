// Package mdblocks reads the fenced code blocks of the project's Markdown
// pages, for the tests that hold the README and docs/ to what the code does.
package mdblocks

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A Block is one fenced code block of a page.
type Block struct {
	Lang string // the first word of the fence's info string: "go", "sh", "text"
	Info string // the whole info string
	Text string // the block's lines, each ending in a newline
	Line int    // the line of the opening fence, counted from 1
}

// Parse returns the fenced code blocks of a Markdown page, in order. A fence
// is three or more backticks at the start of a line; the block ends at a
// line of at least as many backticks and nothing else. An unclosed block
// runs to the end of the page, as CommonMark says.
func Parse(page string) []Block {
	var blocks []Block
	lines := strings.SplitAfter(page, "\n")
	for i := 0; i < len(lines); i++ {
		fence, info, ok := opening(lines[i])
		if !ok {
			continue
		}
		b := Block{Info: info, Line: i + 1}
		b.Lang, _, _ = strings.Cut(info, " ")
		var text strings.Builder
		for i++; i < len(lines); i++ {
			if l := strings.TrimRight(lines[i], "\r\n"); strings.HasPrefix(l, fence) && strings.Trim(l, "`") == "" {
				break
			}
			text.WriteString(lines[i])
		}
		b.Text = text.String()
		if b.Text != "" && !strings.HasSuffix(b.Text, "\n") {
			b.Text += "\n"
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// opening reports whether line opens a fenced block, with its fence and
// info string.
func opening(line string) (fence, info string, ok bool) {
	line = strings.TrimRight(line, "\r\n")
	n := len(line) - len(strings.TrimLeft(line, "`"))
	if n < 3 {
		return "", "", false
	}
	return line[:n], strings.TrimSpace(line[n:]), true
}

// Pages returns the Markdown pages a newcomer reads, relative to the
// module's root directory root: README.md, then docs/*.md in name order.
func Pages(root string) ([]string, error) {
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(docs)
	pages := []string{"README.md"}
	for _, d := range docs {
		rel, err := filepath.Rel(root, d)
		if err != nil {
			return nil, err
		}
		pages = append(pages, filepath.ToSlash(rel))
	}
	return pages, nil
}

// Read returns the blocks of the page at path, relative to root.
func Read(root, path string) ([]Block, error) {
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		return nil, err
	}
	return Parse(string(b)), nil
}
