package commands

import (
	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// authenticateParticipant resolves a participant token for a session: 401
// without a valid token, 403 for a token of another session.
func authenticateParticipant(tx *writemodel.Tx, sessionID, token string) (*writemodel.Participant, error) {
	if token == "" {
		return nil, caja.ErrParticipantTokenMissing()
	}
	p, err := tx.ParticipantByTokenHash(caja.HashToken(token))
	if err != nil {
		return nil, err
	}
	if err := checkParticipant(p, sessionID); err != nil {
		return nil, err
	}
	return p, nil
}

// checkParticipant is the one check of a participant found by token (nil:
// none, or kicked) against the session a request is for.
func checkParticipant(p *writemodel.Participant, sessionID string) error {
	if p == nil {
		return caja.CheckParticipant(false, "", sessionID)
	}
	return caja.CheckParticipant(true, p.SessionID, sessionID)
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
