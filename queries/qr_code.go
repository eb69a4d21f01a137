package queries

import (
	"context"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/readmodel"
)

// QRCode asks for the PNG of a session's join link.
type QRCode struct {
	SessionID string
	Size      int
}

// QRCodeHandler answers QRCode.
type QRCodeHandler struct{ reader SessionFields }

// NewQRCodeHandler returns the handler.
func NewQRCodeHandler(r SessionFields) QRCodeHandler { return QRCodeHandler{reader: r} }

// Handle renders the QR code of the session's join URL.
func (h QRCodeHandler) Handle(ctx context.Context, q QRCode) ([]byte, error) {
	vals, err := fieldsWithRepair(ctx, h.reader, q.SessionID, readmodel.FieldJoinURL)
	if err != nil {
		return nil, err
	}
	size := q.Size
	if size <= 0 {
		size = 512
	}
	return caja.QRPNG(vals[0], size)
}
