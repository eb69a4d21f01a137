package queries

// IfNoneMatch reports whether an If-None-Match header value matches etag,
// per RFC 9110 §13.1.2: "*" matches any current representation; otherwise
// the header is a comma-separated list of entity tags compared weakly (a W/
// prefix on either side is ignored). It does not allocate.
func IfNoneMatch(header, etag string) bool { return IfNoneMatch2(header, etag, "") }

// IfNoneMatch2 is IfNoneMatch for a document with two current
// representations (plain and gzip-compressed, each with its tag): a tag of
// either matches. alt may be empty.
func IfNoneMatch2(header, etag, alt string) bool {
	if header == "" || etag == "" {
		return false
	}
	etag = trimWeak(etag)
	if alt != "" {
		alt = trimWeak(alt)
	}
	for header != "" {
		header = trimSpace(header)
		if header == "" {
			break
		}
		if header[0] == ',' {
			header = header[1:]
			continue
		}
		if header[0] == '*' {
			return true
		}
		tag, rest, ok := scanETag(header)
		if !ok {
			return false
		}
		// Entity tags are separated by commas; anything else makes the
		// header malformed, and a malformed header matches nothing.
		if rest = trimSpace(rest); rest != "" && rest[0] != ',' {
			return false
		}
		if t := trimWeak(tag); t == etag || alt != "" && t == alt {
			return true
		}
		header = rest
	}
	return false
}

// scanETag reads one entity-tag (W/"..." or "...") from the start of s.
func scanETag(s string) (tag, rest string, ok bool) {
	start := s
	if len(s) >= 2 && s[0] == 'W' && s[1] == '/' {
		s = s[2:]
	}
	if len(s) < 2 || s[0] != '"' {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			n := len(start) - len(s) + i + 1
			return start[:n], start[n:], true
		case c == 0x21 || c >= 0x23 && c <= 0x7E || c >= 0x80:
		default:
			return "", "", false
		}
	}
	return "", "", false
}

func trimWeak(s string) string {
	if len(s) >= 2 && s[0] == 'W' && s[1] == '/' {
		return s[2:]
	}
	return s
}

func trimSpace(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}
