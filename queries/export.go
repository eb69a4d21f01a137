package queries

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// Export asks for every answer of a session (organizer only).
type Export struct {
	SessionID  string
	AdminToken string
}

// ExportReader is the read interface for Export.
type ExportReader interface {
	SessionFields
	RequestExport(ctx context.Context, sessionID, nonce string, wait time.Duration) (string, error)
}

// ExportHandler answers Export. The active projector renders the rows into
// Redis on request (answers change too often to keep an export rendered),
// and the rows are read from there.
type ExportHandler struct{ reader ExportReader }

// Handle returns the rows.
func (h ExportHandler) Handle(ctx context.Context, q Export) ([]caja.ExportRow, error) {
	if _, err := adminFields(ctx, h.reader, q.SessionID, q.AdminToken, readmodel.FieldStatus); err != nil {
		return nil, err
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	raw, err := h.reader.RequestExport(ctx, q.SessionID, hex.EncodeToString(b[:]), 10*time.Second)
	if err != nil {
		return nil, err
	}
	var rows []caja.ExportRow
	if err := json.Unmarshal([]byte(raw), &rows); err != nil {
		return nil, err
	}
	return rows, nil
}
