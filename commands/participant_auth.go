package commands

import (
	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// authenticateParticipant resolves a participant token for a session: 401
// without a valid token, 403 for a token of another session.
func authenticateParticipant(tx *writemodel.Tx, sessionID, token string) (*writemodel.Participant, error) {
	if token == "" {
		return nil, caja.Errorf(caja.Unauthorized, "this needs your participant token")
	}
	p, err := tx.ParticipantByTokenHash(caja.HashToken(token))
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, caja.Errorf(caja.Unauthorized, "this participant token is not valid (or the participant was removed)")
	}
	if p.SessionID != sessionID {
		return nil, caja.Errorf(caja.Forbidden, "this participant token belongs to another session")
	}
	return p, nil
}

// checkLive refuses a participant's write to a session that has ended.
func checkLive(tx *writemodel.Tx, sessionID string) error {
	sess, err := tx.GetSessionRow(sessionID)
	if err != nil {
		return err
	}
	if sess.Status == writemodel.StatusCompleted {
		return writemodel.ErrSessionEnded()
	}
	return nil
}
