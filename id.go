package caja

// IsCanonicalID reports whether s is a UUID in lower-case canonical form:
// junk on the repair channel never reaches SQL, and transport takes ids in
// this form without parsing them.
func IsCanonicalID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}
