package caja

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

// Presenter knows the public base URL for join links and renders their QR
// codes (cached).
type Presenter struct {
	frontendURL string

	mu sync.Mutex
	qr map[string]string // join URL -> data URI
}

// NewPresenter returns a Presenter building join links under frontendURL.
func NewPresenter(frontendURL string) *Presenter {
	return &Presenter{frontendURL: strings.TrimRight(frontendURL, "/"), qr: make(map[string]string)}
}

// BaseURL is the base of every join link this presenter renders.
func (p *Presenter) BaseURL() string { return p.frontendURL }

// JoinURL is the link a phone opens to join with a code.
func (p *Presenter) JoinURL(code string) string { return p.frontendURL + "/join/" + code }

// QRPNG renders the QR code of a URL as a PNG of size×size pixels.
func QRPNG(url string, size int) ([]byte, error) {
	png, err := qrcode.Encode(url, qrcode.Medium, size)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	return png, nil
}

// QRDataURI is the join URL's QR code as a data: URI, cached because the
// projector re-renders sessions often and their join URL never changes.
func (p *Presenter) QRDataURI(joinURL string) (string, error) {
	p.mu.Lock()
	uri, ok := p.qr[joinURL]
	p.mu.Unlock()
	if ok {
		return uri, nil
	}
	png, err := QRPNG(joinURL, 256)
	if err != nil {
		return "", err
	}
	uri = "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
	p.mu.Lock()
	if len(p.qr) >= 4096 { // bounded: entries of old sessions go wholesale
		clear(p.qr)
	}
	p.qr[joinURL] = uri
	p.mu.Unlock()
	return uri, nil
}

// Session is the public JSON of a session.
type Session struct {
	ID                string  `json:"id"`
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	Status            string  `json:"status"`
	AdminID           string  `json:"admin_id,omitempty"` // the organizer's documents only
	JoinCode          string  `json:"join_code"`
	JoinURL           string  `json:"join_url"`
	QRCodeURL         string  `json:"qr_code_url"`
	CurrentActivityID *string `json:"current_activity_id"`
	ShowJoinInfo      bool    `json:"show_join_info"`
	OpenOnPresent     bool    `json:"open_on_present"`
	// Reactions are the emoji participants may send; empty: reactions off.
	Reactions []string `json:"reactions"`
	// Settings: the profanity filter (the organizer's words only in the
	// organizer's documents); not on phones.
	Settings  SessionSettings `json:"settings"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// PhoneSession is the session as phones see it while polling: no QR payload
// (they already joined) and no organizer name.
type PhoneSession struct {
	ID                string    `json:"id"`
	Name              string    `json:"name"`
	Description       *string   `json:"description"`
	Status            string    `json:"status"`
	JoinCode          string    `json:"join_code"`
	JoinURL           string    `json:"join_url"`
	CurrentActivityID *string   `json:"current_activity_id"`
	ShowJoinInfo      bool      `json:"show_join_info"`
	Reactions         []string  `json:"reactions"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Phone trims a session document to what phones see.
func (s Session) Phone() PhoneSession {
	return PhoneSession{
		ID: s.ID, Name: s.Name, Description: s.Description, Status: s.Status, JoinCode: s.JoinCode,
		JoinURL: s.JoinURL, CurrentActivityID: s.CurrentActivityID, ShowJoinInfo: s.ShowJoinInfo, Reactions: s.Reactions,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
}

// AdminSession is the session as its organizer sees it.
type AdminSession struct {
	Session
	DisplayKey string `json:"display_key"`
}
