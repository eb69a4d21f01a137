package queries

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// Export asks for a session's whole export: answers, Q&A and per-activity
// summary (organizer only).
type Export struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in reader when no token was sent (its role
	// decides, see Roles).
	AccountID string
}

// ExportResult is a session's export as the projector rendered it.
type ExportResult struct {
	SessionName string
	// JSON is the document {"answers":[…],"questions":[…],"summary":[…]}.
	JSON []byte
}

// Document decodes the export for the other formats.
func (r ExportResult) Document() (*caja.ExportDocument, error) {
	var d caja.ExportDocument
	if err := json.Unmarshal(r.JSON, &d); err != nil {
		return nil, fmt.Errorf("decode export: %w", err)
	}
	return &d, nil
}

// ExportReader is the read interface for Export.
type ExportReader interface {
	SessionFields
	ReadExport(ctx context.Context, sessionID, version string, wait time.Duration) ([]byte, error)
}

// ExportHandler answers Export. The active projector renders an export into
// Redis on request, once per version of the session (its projected_at), and
// repeated requests reuse that copy until the session changes.
type ExportHandler struct {
	reader ExportReader
	roles  *Roles
}

// NewExportHandler returns the handler.
func NewExportHandler(r ExportReader) ExportHandler { return ExportHandler{reader: r} }

// Handle returns the export.
func (h ExportHandler) Handle(ctx context.Context, q Export) (*ExportResult, error) {
	vals, err := organizerFields(ctx, h.reader, h.roles, q.SessionID, q.AdminToken, q.AccountID, readmodel.FieldName, readmodel.FieldProjectedAt)
	if err != nil {
		return nil, err
	}
	version, ok := readmodel.ExportVersion(vals[1])
	if !ok {
		return nil, fmt.Errorf("export of session %s: %w", q.SessionID, errors.New("the session hash has no projected_at"))
	}
	raw, err := h.reader.ReadExport(ctx, q.SessionID, version, 20*time.Second)
	if err != nil {
		return nil, err
	}
	return &ExportResult{SessionName: vals[0], JSON: raw}, nil
}
