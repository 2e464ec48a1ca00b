package apierr

// ShowsTrace reports whether contract c's bodies show a trace ID
// ([Meta].TraceID): whether c, or a contract it overrides (see
// [Override]), has a method ShowsTrace() bool that returns true. Whoever
// builds a [Meta] for [RenderMeta] derives the trace ID (kit.TraceHex) only
// for such a contract; the others never read it.
func ShowsTrace(c Contract) bool {
	for c != nil {
		if t, ok := c.(interface{ ShowsTrace() bool }); ok {
			return t.ShowsTrace()
		}
		u, ok := c.(interface{ Unwrap() Contract })
		if !ok {
			return false
		}
		c = u.Unwrap()
	}
	return false
}
