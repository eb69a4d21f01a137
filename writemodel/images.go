package writemodel

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cajalive/caja"
)

// Image is an uploaded image as stored: already decoded, scaled and
// re-encoded by the command, its ID the SHA-256 (hex) of Data. Rows are
// immutable; the database deletes one when no session links it any more
// (migration 00019).
type Image struct {
	ID          string `gorm:"primaryKey"`
	ContentType string
	Width       int
	Height      int
	Data        []byte
	CreatedAt   time.Time
}

// SessionImage links an image to a session that may use it.
type SessionImage struct {
	SessionID string `gorm:"primaryKey"`
	ImageID   string `gorm:"primaryKey"`
	CreatedAt time.Time
}

// AddSessionImage stores img (unless an image with its id, hence its
// bytes, is already there) and links it to the session, both idempotent:
// uploading the same image again changes nothing.
func (tx *Tx) AddSessionImage(sessionID string, img *Image) error {
	if err := tx.db.Clauses(clause.OnConflict{DoNothing: true}).Create(img).Error; err != nil {
		return fmt.Errorf("insert image: %w", err)
	}
	link := &SessionImage{SessionID: sessionID, ImageID: img.ID, CreatedAt: img.CreatedAt}
	if err := tx.db.Clauses(clause.OnConflict{DoNothing: true}).Create(link).Error; err != nil {
		return fmt.Errorf("link image: %w", err)
	}
	return nil
}

// SessionImageMissing returns those of ids that are not images of the
// session (in their order), for a command to refuse.
func (tx *Tx) SessionImageMissing(sessionID string, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var have []string
	if err := tx.db.Model(&SessionImage{}).Where("session_id = ? AND image_id IN ?", sessionID, ids).Pluck("image_id", &have).Error; err != nil {
		return nil, fmt.Errorf("find session images: %w", err)
	}
	linked := make(map[string]bool, len(have))
	for _, id := range have {
		linked[id] = true
	}
	var missing []string
	for _, id := range ids {
		if !linked[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// CopySessionImages links every image of session from to session to, as
// when a session is duplicated: the images are shared, not copied.
func (tx *Tx) CopySessionImages(from, to string, now time.Time) error {
	err := tx.db.Exec("INSERT INTO session_images (session_id, image_id, created_at) SELECT ?, image_id, ? FROM session_images WHERE session_id = ? ON CONFLICT DO NOTHING", to, now, from).Error
	if err != nil {
		return fmt.Errorf("copy session images: %w", err)
	}
	return nil
}

// Image reads a stored image. Images are not on the polling path (a CDN
// or the browser keeps them: they never change), so this goes to the
// database.
func (s *Store) Image(ctx context.Context, id string) (*Image, error) {
	var img Image
	err := s.db.Gorm.WithContext(ctx).Where("id = ?", id).Take(&img).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, caja.Errorf(caja.NotFound, "image not found")
	}
	if err != nil {
		return nil, classify(fmt.Errorf("get image: %w", err))
	}
	return &img, nil
}
