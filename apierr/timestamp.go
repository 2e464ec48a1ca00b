package apierr

import (
	"time"

	"github.com/go-openapi/strfmt"
)

// TimestampLayout is the layout of error timestamps: strfmt's date-time
// format, in UTC with milliseconds ("2026-01-15T10:30:00.000Z").
const TimestampLayout = strfmt.RFC3339Millis

// AppendTimestamp appends t in UTC as [TimestampLayout] formats it, without
// the layout interpretation of time.Time.AppendFormat: it is on the path of
// every error. Years outside 0-9999 fall back to AppendFormat.
func AppendTimestamp(dst []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(dst, TimestampLayout)
	}
	hour, min, sec := t.Clock()
	ms := t.Nanosecond() / 1e6
	return append(dst,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+int(month)/10), byte('0'+int(month)%10), '-',
		byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), ':',
		byte('0'+min/10), byte('0'+min%10), ':',
		byte('0'+sec/10), byte('0'+sec%10), '.',
		byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), 'Z')
}
