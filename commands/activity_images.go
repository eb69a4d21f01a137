package commands

import (
	"fmt"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// Images of activities and options: an activity (of any type) and each
// option (of any type with options) may name an image uploaded to its
// session (UploadImage). The id is checked for shape before the
// transaction, and against the session's images inside it.

// imageID checks the shape of an image id (the hex SHA-256 an upload
// returned). nil or "" mean no image; it returns the id to store.
func imageID(errs *caja.Fields, field string, id *string) *string {
	if id == nil || *id == "" {
		return nil
	}
	if !isImageID(*id) {
		errs.Add(field, "must be the id of an image uploaded to this session")
		return nil
	}
	v := *id
	return &v
}

func isImageID(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// optionImages copies the options' image ids, checked, into the clean
// options (index for index, as checkOptions returns them).
func optionImages(errs *caja.Fields, sent []OptionInput, clean []OptionInput) {
	for i := range clean {
		if i < len(sent) {
			clean[i].ImageID = imageID(errs, fmt.Sprintf("options[%d].image_id", i), sent[i].ImageID)
		}
	}
}

// checkSessionImages refuses, inside tx, image ids that are not images of
// the session: the activity's (activityImage, may be nil) and its options'.
func checkSessionImages(tx *writemodel.Tx, sessionID string, activityImage *string, opts []OptionInput) error {
	var ids, fields []string
	if activityImage != nil {
		ids, fields = append(ids, *activityImage), append(fields, "image_id")
	}
	for i, o := range opts {
		if o.ImageID != nil {
			ids, fields = append(ids, *o.ImageID), append(fields, fmt.Sprintf("options[%d].image_id", i))
		}
	}
	missing, err := tx.SessionImageMissing(sessionID, ids)
	if err != nil || len(missing) == 0 {
		return err
	}
	gone := make(map[string]bool, len(missing))
	for _, id := range missing {
		gone[id] = true
	}
	var errs caja.Fields
	for i, id := range ids {
		if gone[id] {
			errs.Add(fields[i], "is not an image of this session (upload it with POST /api/v1/sessions/{id}/images)")
		}
	}
	return errs.Err()
}
