package caja

// A participant's token is checked the same way, with the same words, by
// every command and query that needs one: missing (401), unknown or kicked
// (401), of another session (403).

// ErrParticipantTokenMissing is the answer to a request without a
// participant token.
func ErrParticipantTokenMissing() error {
	return Errorf(Unauthorized, "this needs your participant token").WithCode(CodeParticipantTokenMissing)
}

// ErrParticipantTokenInvalid is the answer to a token that names no
// participant (never issued, or its participant was removed).
func ErrParticipantTokenInvalid() error {
	return Errorf(Unauthorized, "this participant token is not valid (or the participant was removed)").WithCode(CodeParticipantTokenInvalid)
}

// CheckParticipant is the check of a participant token: found tells
// whether the token names a participant (not kicked), ownerSessionID is
// that participant's session, sessionID the one the request is for.
func CheckParticipant(found bool, ownerSessionID, sessionID string) error {
	if !found {
		return ErrParticipantTokenInvalid()
	}
	if ownerSessionID != sessionID {
		return Errorf(Forbidden, "this participant token belongs to another session")
	}
	return nil
}
