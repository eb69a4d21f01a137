package readmodel

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cespare/xxhash/v2"

	"github.com/cajalive/caja/writemodel"
	"github.com/cajalive/caja/writemodel/secret"
	"github.com/cajalive/caja/writemodel/views"
)

// Renderer turns a snapshot of source rows into the JSON documents the API
// serves.
type Renderer struct {
	p *views.Presenter
}

// NewRenderer returns a Renderer.
func NewRenderer(p *views.Presenter) *Renderer { return &Renderer{p: p} }

type participantView struct {
	Session          views.PhoneSession `json:"session"`
	CurrentActivity  any                `json:"current_activity"`
	ParticipantCount int                `json:"participant_count"`
}

type displayView struct {
	Session          views.Session `json:"session"`
	CurrentActivity  any           `json:"current_activity"`
	ParticipantCount int           `json:"participant_count"`
	Leaderboard      []any         `json:"leaderboard"`
	PinnedQuestion   any           `json:"pinned_question"`
}

type adminView struct {
	Session          views.AdminSession `json:"session"`
	Activities       []any              `json:"activities"`
	CurrentActivity  any                `json:"current_activity"`
	ParticipantCount int                `json:"participant_count"`
	Leaderboard      []any              `json:"leaderboard"`
}

// Documents are the rendered fields of one session's hash.
type Documents struct {
	SessionID string
	JoinCode  string
	Live      bool // the join code maps to this session
	ETag      string
	Fields    []any // field, value, field, value, ... for HSET
}

// Render produces every document of a session.
func (r *Renderer) Render(snap *writemodel.Snapshot) (*Documents, error) {
	s := &snap.Session
	session, err := r.p.Session(s)
	if err != nil {
		return nil, err
	}
	phone := session.Phone()
	joinURL := session.JoinURL
	participantCount := 0

	sessionJSON, err := json.Marshal(session)
	if err != nil {
		return nil, fmt.Errorf("render session: %w", err)
	}
	participantJSON, err := json.Marshal(participantView{Session: phone, ParticipantCount: participantCount})
	if err != nil {
		return nil, fmt.Errorf("render participant view: %w", err)
	}
	displayJSON, err := json.Marshal(displayView{Session: session, ParticipantCount: participantCount, Leaderboard: []any{}})
	if err != nil {
		return nil, fmt.Errorf("render display view: %w", err)
	}
	adminJSON, err := json.Marshal(adminView{
		Session:    views.AdminSession{Session: session, DisplayKey: s.DisplayKey},
		Activities: []any{}, ParticipantCount: participantCount, Leaderboard: []any{},
	})
	if err != nil {
		return nil, fmt.Errorf("render admin view: %w", err)
	}
	current := ""
	if s.CurrentActivityID != nil {
		current = *s.CurrentActivityID
	}
	etag := ETagOf(participantJSON)
	return &Documents{
		SessionID: s.ID,
		JoinCode:  s.JoinCode,
		Live:      s.Status != writemodel.StatusCompleted,
		ETag:      etag,
		Fields: []any{
			FieldName, s.Name,
			FieldStatus, s.Status,
			FieldJoinCode, s.JoinCode,
			FieldJoinURL, joinURL,
			FieldCurrentActivityID, current,
			FieldParticipantCount, strconv.Itoa(participantCount),
			FieldETag, etag,
			FieldSessionJSON, sessionJSON,
			FieldParticipantJSON, participantJSON,
			FieldDisplayJSON, displayJSON,
			FieldDisplayETag, ETagOf(displayJSON),
			FieldAdminJSON, adminJSON,
			FieldAdminETag, ETagOf(adminJSON),
			FieldAdminTokenHash, hex.EncodeToString(s.AdminTokenHash),
			FieldDisplayKeyHash, secret.HashHex(s.DisplayKey),
		},
	}, nil
}

// ETagOf is the strong ETag of a document: it changes exactly when the bytes
// change.
func ETagOf(b []byte) string {
	var buf [18]byte
	buf[0] = '"'
	h := xxhash.Sum64(b)
	hex.Encode(buf[1:17], []byte{byte(h >> 56), byte(h >> 48), byte(h >> 40), byte(h >> 32), byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h)})
	buf[17] = '"'
	return string(buf[:])
}
