package commands

import (
	"context"
	"fmt"
	"time"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// UploadImage stores an image for a session's activities and options.
// Filename and ContentType are what the client said of the file (the
// multipart part's file name and type); either may be empty, and neither is
// trusted: the bytes decide, and a claim they contradict is refused.
type UploadImage struct {
	SessionID  string
	AdminToken string
	// AccountID is the signed-in caller ("" when none); see Caller.
	AccountID   string
	Filename    string
	ContentType string
	Data        []byte
}

// UploadImageHandler handles UploadImage.
type UploadImageHandler struct {
	store Transactor
	codec *imageCodec
}

// NewUploadImageHandler returns the handler; its decodes share one memory
// budget.
func NewUploadImageHandler(store Transactor) UploadImageHandler {
	return UploadImageHandler{store: store, codec: newImageCodec()}
}

// Handle checks the admin token (before decoding anything), processes the
// file and stores the result, content-addressed: the same image uploaded
// again, to this session or another, is stored once.
func (h UploadImageHandler) Handle(ctx context.Context, cmd UploadImage) (*caja.Image, error) {
	err := h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.GetSessionRow(cmd.SessionID)
		if err != nil {
			return err
		}
		return checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost)
	})
	if err != nil {
		return nil, fmt.Errorf("upload image: %w", err)
	}
	img, err := h.codec.process(ctx, cmd.Data, cmd.Filename, cmd.ContentType)
	if err != nil {
		return nil, fmt.Errorf("upload image: %w", err)
	}
	row := &writemodel.Image{ID: img.id, ContentType: img.contentType, Width: img.width, Height: img.height, Data: img.data, CreatedAt: time.Now().UTC()}
	err = h.store.Transact(ctx, func(tx *writemodel.Tx) error {
		sess, err := tx.LockSession(cmd.SessionID)
		if err != nil {
			return err
		}
		if err := checkRole(tx, Caller{Token: cmd.AdminToken, AccountID: cmd.AccountID}, sess, caja.RoleCoHost); err != nil {
			return err
		}
		return tx.AddSessionImage(sess.ID, row)
	})
	if err != nil {
		return nil, fmt.Errorf("upload image: %w", err)
	}
	return &caja.Image{ID: img.id, Width: img.width, Height: img.height, ContentType: img.contentType}, nil
}
