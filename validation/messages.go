package validation

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// A messageFunc appends the sentence of a failed rule to dst. The default
// messages append rather than return a string, so that the messages of one
// validation share one allocation.
type messageFunc func(dst []byte, field string, fe validator.FieldError) []byte

// is is the message "<field> <text>".
func is(text string) messageFunc {
	text = " " + text
	return func(dst []byte, field string, _ validator.FieldError) []byte {
		return append(append(dst, field...), text...)
	}
}

// withParam is the message "<field> <before><param><after>".
func withParam(before, after string) messageFunc {
	before = " " + before
	return func(dst []byte, field string, fe validator.FieldError) []byte {
		return append(append(append(append(dst, field...), before...), fe.Param()...), after...)
	}
}

// oneOf is the message of a rule whose parameter is a space-separated list.
func oneOf(before string) messageFunc {
	return withParam(before+": ", "")
}

// sized is the message of a rule that compares a length for strings, a
// count for slices and maps, and a value for everything else.
func sized(str, items, num string) messageFunc {
	str, items, num = " "+str+" ", " "+items+" ", " "+num+" "
	return func(dst []byte, field string, fe validator.FieldError) []byte {
		dst = append(dst, field...)
		switch fe.Kind() {
		case reflect.String:
			return append(append(append(dst, str...), fe.Param()...), " characters long"...)
		case reflect.Slice, reflect.Array, reflect.Map:
			return append(append(append(dst, items...), fe.Param()...), " items"...)
		}
		return append(append(dst, num...), fe.Param()...)
	}
}

// compare is sized for lt, lte, gt and gte, which compare a time with now
// when they have no parameter.
func compare(str, items, num, now string) messageFunc {
	m := sized(str, items, num)
	now = " " + now
	return func(dst []byte, field string, fe validator.FieldError) []byte {
		if fe.Param() == "" {
			return append(append(dst, field...), now...)
		}
		return m(dst, field, fe)
	}
}

// userMessage adapts a [Message] to a messageFunc.
func userMessage(m Message) messageFunc {
	return func(dst []byte, field string, fe validator.FieldError) []byte {
		return append(dst, m(field, fe)...)
	}
}

// defaultMessages holds a sentence for every built-in validator/v10 tag and
// alias and every rule of this package. The field's JSON path starts each.
var defaultMessages = map[string]messageFunc{
	// Presence.
	"required":             is("is required"),
	"required_if":          is("is required"),
	"required_unless":      is("is required"),
	"required_with":        is("is required"),
	"required_with_all":    is("is required"),
	"required_without":     is("is required"),
	"required_without_all": is("is required"),
	"skip_unless":          is("is required"),
	"excluded_if":          is("must not be set"),
	"excluded_unless":      is("must not be set"),
	"excluded_with":        is("must not be set"),
	"excluded_with_all":    is("must not be set"),
	"excluded_without":     is("must not be set"),
	"excluded_without_all": is("must not be set"),
	"isdefault":            is("must not be set"),

	// Sizes and comparisons.
	"len": sized("must be exactly", "must contain exactly", "must be"),
	"min": sized("must be at least", "must contain at least", "must be at least"),
	"max": sized("must be at most", "must contain at most", "must be at most"),
	"eq":  withParam("must be equal to ", ""),
	"ne":  withParam("must not be equal to ", ""),
	"lt":  compare("must be shorter than", "must contain fewer than", "must be less than", "must be in the past"),
	"lte": compare("must be at most", "must contain at most", "must be at most", "must not be in the future"),
	"gt":  compare("must be longer than", "must contain more than", "must be greater than", "must be in the future"),
	"gte": compare("must be at least", "must contain at least", "must be at least", "must not be in the past"),

	"eq_ignore_case": withParam("must be equal to ", " (ignoring case)"),
	"ne_ignore_case": withParam("must not be equal to ", " (ignoring case)"),

	// Other fields.
	"eqfield":       withParam("must be equal to ", ""),
	"eqcsfield":     withParam("must be equal to ", ""),
	"nefield":       withParam("must not be equal to ", ""),
	"necsfield":     withParam("must not be equal to ", ""),
	"gtfield":       withParam("must be greater than ", ""),
	"gtcsfield":     withParam("must be greater than ", ""),
	"gtefield":      withParam("must be greater than or equal to ", ""),
	"gtecsfield":    withParam("must be greater than or equal to ", ""),
	"ltfield":       withParam("must be less than ", ""),
	"ltcsfield":     withParam("must be less than ", ""),
	"ltefield":      withParam("must be less than or equal to ", ""),
	"ltecsfield":    withParam("must be less than or equal to ", ""),
	"fieldcontains": withParam("must contain the value of ", ""),
	"fieldexcludes": withParam("must not contain the value of ", ""),

	// Strings.
	"alpha":           is("must contain only letters"),
	"alphaspace":      is("must contain only letters and spaces"),
	"alphanum":        is("must contain only letters and digits"),
	"alphanumspace":   is("must contain only letters, digits and spaces"),
	"alphaunicode":    is("must contain only letters"),
	"alphanumunicode": is("must contain only letters and digits"),
	"boolean":         is("must be a boolean"),
	"numeric":         is("must be a numeric value"),
	"number":          is("must be a number"),
	"hexadecimal":     is("must be a hexadecimal number"),
	"ascii":           is("must contain only ASCII characters"),
	"printascii":      is("must contain only printable ASCII characters"),
	"multibyte":       is("must contain multibyte characters"),
	"lowercase":       is("must be lowercase"),
	"uppercase":       is("must be uppercase"),
	"contains":        withParam("must contain '", "'"),
	"containsany":     withParam("must contain at least one of the characters '", "'"),
	"containsrune":    withParam("must contain the character '", "'"),
	"excludes":        withParam("must not contain '", "'"),
	"excludesall":     withParam("must not contain any of the characters '", "'"),
	"excludesrune":    withParam("must not contain the character '", "'"),
	"startswith":      withParam("must start with '", "'"),
	"endswith":        withParam("must end with '", "'"),
	"startsnotwith":   withParam("must not start with '", "'"),
	"endsnotwith":     withParam("must not end with '", "'"),
	"oneof":           oneOf("must be one of"),
	"oneofci":         oneOf("must be one of (ignoring case)"),
	"noneof":          oneOf("must not be one of"),
	"noneofci":        oneOf("must not be one of (ignoring case)"),
	"unique":          is("must contain unique values"),
	"json":            is("must be valid JSON"),
	"jwt":             is("must be a JSON Web Token"),
	"html":            is("must be HTML"),
	"html_encoded":    is("must be HTML-encoded"),
	"url_encoded":     is("must be URL-encoded"),
	"datetime":        withParam("must be a date and time in the format ", ""),
	"timezone":        is("must be a valid time zone"),
	"duration":        is("must be a valid duration"),
	"cron":            is("must be a valid cron expression"),
	"semver":          is("must be a semantic version"),
	"validateFn":      is("is invalid"),

	// Colours.
	"hexcolor": is("must be a hexadecimal colour"),
	"rgb":      is("must be an RGB colour"),
	"rgba":     is("must be an RGBA colour"),
	"hsl":      is("must be an HSL colour"),
	"hsla":     is("must be an HSLA colour"),
	"cmyk":     is("must be a CMYK colour"),
	"iscolor":  is("must be a colour"),

	// Contact and web.
	"e164":              is("must be a phone number in E.164 format"),
	"email":             is("must be a valid email address"),
	"url":               is("must be a valid URL"),
	"http_url":          is("must be a valid HTTP or HTTPS URL"),
	"https_url":         is("must be a valid HTTPS URL"),
	"uri":               is("must be a valid URI"),
	"origin":            is("must be a valid origin"),
	"urn_rfc8141":       is("must be a valid URN"),
	"urn_rfc2141":       is("must be a valid URN"),
	"datauri":           is("must be a data URI"),
	"hostname":          is("must be a valid hostname"),
	"hostname_rfc1123":  is("must be a valid hostname"),
	"hostname_label":    is("must be a valid hostname label"),
	"fqdn":              is("must be a fully qualified domain name"),
	"hostname_port":     is("must be a host and port"),
	"port":              is("must be a valid port number"),
	"dns_rfc1035_label": is("must be a valid DNS label"),

	// Files.
	"file":     is("must be an existing file"),
	"filepath": is("must be a file path"),
	"dir":      is("must be an existing directory"),
	"dirpath":  is("must be a directory path"),
	"image":    is("must be an image"),
	"mimetype": withParam("must be a file of type ", ""),

	// Encodings and hashes.
	"base32":       is("must be Base32"),
	"base64":       is("must be Base64"),
	"base64url":    is("must be URL-safe Base64"),
	"base64rawurl": is("must be unpadded URL-safe Base64"),
	"md4":          is("must be an MD4 hash"),
	"md5":          is("must be an MD5 hash"),
	"sha256":       is("must be a SHA-256 hash"),
	"sha384":       is("must be a SHA-384 hash"),
	"sha512":       is("must be a SHA-512 hash"),
	"ripemd128":    is("must be a RIPEMD-128 hash"),
	"ripemd160":    is("must be a RIPEMD-160 hash"),
	"tiger128":     is("must be a Tiger-128 hash"),
	"tiger160":     is("must be a Tiger-160 hash"),
	"tiger192":     is("must be a Tiger-192 hash"),

	// Identifiers.
	"isbn":          is("must be an ISBN"),
	"isbn10":        is("must be an ISBN-10"),
	"isbn13":        is("must be an ISBN-13"),
	"issn":          is("must be an ISSN"),
	"uuid":          is("must be a UUID"),
	"uuid3":         is("must be a version 3 UUID"),
	"uuid4":         is("must be a version 4 UUID"),
	"uuid5":         is("must be a version 5 UUID"),
	"uuid7":         is("must be a version 7 UUID"),
	"uuid_rfc4122":  is("must be an RFC 4122 UUID"),
	"uuid3_rfc4122": is("must be an RFC 4122 version 3 UUID"),
	"uuid4_rfc4122": is("must be an RFC 4122 version 4 UUID"),
	"uuid5_rfc4122": is("must be an RFC 4122 version 5 UUID"),
	"ulid":          is("must be a ULID"),
	"ssn":           is("must be a US Social Security number"),
	"ein":           is("must be a US Employer Identification Number"),
	"cve":           is("must be a CVE identifier"),
	"mongodb":       is("must be a MongoDB ObjectId"),
	"spicedb":       is("must be a valid SpiceDB identifier"),

	"mongodb_connection_string": is("must be a MongoDB connection string"),

	// Network.
	"ip":         is("must be an IP address"),
	"ipv4":       is("must be an IPv4 address"),
	"ipv6":       is("must be an IPv6 address"),
	"cidr":       is("must be a CIDR network"),
	"cidrv4":     is("must be an IPv4 CIDR network"),
	"cidrv6":     is("must be an IPv6 CIDR network"),
	"tcp_addr":   is("must be a TCP address"),
	"tcp4_addr":  is("must be a TCP over IPv4 address"),
	"tcp6_addr":  is("must be a TCP over IPv6 address"),
	"udp_addr":   is("must be a UDP address"),
	"udp4_addr":  is("must be a UDP over IPv4 address"),
	"udp6_addr":  is("must be a UDP over IPv6 address"),
	"ip_addr":    is("must be a resolvable IP address"),
	"ip4_addr":   is("must be a resolvable IPv4 address"),
	"ip6_addr":   is("must be a resolvable IPv6 address"),
	"unix_addr":  is("must be a Unix socket address"),
	"uds_exists": is("must be an existing Unix domain socket"),
	"mac":        is("must be a MAC address"),

	// Places and languages.
	"latitude":                      is("must be a latitude"),
	"longitude":                     is("must be a longitude"),
	"iso3166_1_alpha2":              is("must be an ISO 3166-1 alpha-2 country code"),
	"iso3166_1_alpha2_eu":           is("must be the ISO 3166-1 alpha-2 code of an EU country"),
	"iso3166_1_alpha3":              is("must be an ISO 3166-1 alpha-3 country code"),
	"iso3166_1_alpha3_eu":           is("must be the ISO 3166-1 alpha-3 code of an EU country"),
	"iso3166_1_alpha_numeric":       is("must be an ISO 3166-1 numeric country code"),
	"iso3166_1_alpha_numeric_eu":    is("must be the ISO 3166-1 numeric code of an EU country"),
	"iso3166_2":                     is("must be an ISO 3166-2 subdivision code"),
	"country_code":                  is("must be an ISO 3166-1 country code"),
	"eu_country_code":               is("must be the ISO 3166-1 code of an EU country"),
	"postcode_iso3166_alpha2":       withParam("must be a postcode of ", ""),
	"postcode_iso3166_alpha2_field": is("must be a postcode of the given country"),
	"bcp47_language_tag":            is("must be a BCP 47 language tag"),
	"bcp47_strict_language_tag":     is("must be a BCP 47 language tag"),

	// Money and payment.
	"iso4217":           is("must be an ISO 4217 currency code"),
	"iso4217_numeric":   is("must be an ISO 4217 numeric currency code"),
	"bic":               is("must be a valid BIC"),
	"bic_iso_9362_2014": is("must be a valid BIC"),
	"credit_card":       is("must be a valid card number"),
	"luhn_checksum":     is("must have a valid Luhn check digit"),
	"eth_addr":          is("must be an Ethereum address"),
	"eth_addr_checksum": is("must be an Ethereum address with a valid EIP-55 checksum"),
	"btc_addr":          is("must be a Bitcoin address"),
	"btc_addr_bech32":   is("must be a Bech32 Bitcoin address"),

	// The rules of this package.
	ruleAmount:        amountMessage,
	ruleIBAN:          is("must be a valid IBAN"),
	ruleCountry:       is("must be an ISO 3166-1 alpha-2 country code"),
	ruleBTCAddress:    is("must be a valid Bitcoin address"),
	ruleETHAddress:    is("must be a valid Ethereum address"),
	ruleCryptoAddress: is("must be a valid cryptocurrency address"),
	ruleStrfmt:        strfmtMessage,
}

// Text returns a [Message] written from a template in which {field} stands
// for the field's JSON path and {param} for the rule's parameter:
//
//	validation.Text("{field} must be at most {param} characters long")
func Text(template string) Message {
	type part struct {
		text string
		kind byte // 0 text, 'f' field, 'p' param
	}
	var parts []part
	for template != "" {
		i := strings.IndexByte(template, '{')
		if i < 0 {
			parts = append(parts, part{text: template})
			break
		}
		switch rest := template[i:]; {
		case strings.HasPrefix(rest, "{field}"):
			parts = append(parts, part{text: template[:i]}, part{kind: 'f'})
			template = rest[len("{field}"):]
		case strings.HasPrefix(rest, "{param}"):
			parts = append(parts, part{text: template[:i]}, part{kind: 'p'})
			template = rest[len("{param}"):]
		default:
			parts = append(parts, part{text: template[:i+1]})
			template = rest[1:]
		}
	}
	return func(field string, fe validator.FieldError) string {
		var b strings.Builder
		for _, p := range parts {
			switch p.kind {
			case 'f':
				b.WriteString(field)
			case 'p':
				b.WriteString(fe.Param())
			default:
				b.WriteString(p.text)
			}
		}
		return b.String()
	}
}
