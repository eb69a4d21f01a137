package httpapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/commands"
	"github.com/cajalive/caja/queries"
)

const (
	// imageUploadPath is the route whose body may be an image file.
	imageUploadPath = "/api/v1/sessions/:id/images"
	// maxImageBodyBytes is the upload's body: the file and room for the
	// multipart framing and a few small fields.
	maxImageBodyBytes = caja.MaxImageUploadBytes + 64<<10
	// imageCacheControl: an image's URL names its bytes (their SHA-256),
	// so every cache may keep it for good.
	imageCacheControl = "public, max-age=31536000, immutable"
	// imageProcessingTimeFactor: an upload's command may take this many
	// CAJA_COMMAND_TIMEOUTs (it decodes and scales as well as writing).
	imageProcessingTimeFactor = 3
)

var imageTooLarge = []caja.FieldError{{Field: "file", Message: "must be at most 5 MB"}}

// uploadImage reads the multipart field "file" (at most
// caja.MaxImageUploadBytes, refused as soon as it is larger) and hands it to
// the command, which decides what it is.
func (a *API) uploadImage(c *gin.Context) {
	sid, ok := pathUUID(c, "id")
	if !ok {
		return
	}
	caller, ok := a.organizer(c)
	if !ok {
		return
	}
	if c.Request.ContentLength > maxImageBodyBytes {
		writeProblem(c, http.StatusRequestEntityTooLarge, "the image is larger than 5 MB", imageTooLarge)
		return
	}
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		writeProblem(c, http.StatusBadRequest, "send the image as multipart/form-data in the field file", []caja.FieldError{{Field: "file", Message: "is required (multipart/form-data)"}})
		return
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeProblem(c, http.StatusBadRequest, "the multipart body cannot be read", []caja.FieldError{{Field: "file", Message: "is required (multipart/form-data)"}})
		return
	}
	var cmd commands.UploadImage
	found := false
	for !found {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			uploadReadFailed(c, err)
			return
		}
		if part.FormName() != "file" {
			_, err = io.Copy(io.Discard, part) // bounded by the body's limit
		} else {
			found = true
			cmd.Filename, cmd.ContentType = part.FileName(), part.Header.Get("Content-Type")
			cmd.Data, err = io.ReadAll(io.LimitReader(part, caja.MaxImageUploadBytes+1))
			if err == nil && len(cmd.Data) > caja.MaxImageUploadBytes {
				writeProblem(c, http.StatusRequestEntityTooLarge, "the image is larger than 5 MB", imageTooLarge)
				return
			}
		}
		_ = part.Close()
		if err != nil {
			uploadReadFailed(c, err)
			return
		}
	}
	if !found {
		fail(c, caja.InvalidField("file", "is required: the image file in the multipart field file"))
		return
	}
	cmd.SessionID, cmd.AdminToken, cmd.AccountID = sid, caller.Token, caller.AccountID
	// The deadline counts from here, not from the first byte: a 5 MB file
	// over venue Wi-Fi takes a while to arrive, and decoding and scaling
	// it takes CPU time of its own.
	ctx := c.Request.Context()
	if a.commandTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, imageProcessingTimeFactor*a.commandTimeout)
		defer cancel()
	}
	out, err := a.cmd.UploadImage.Handle(ctx, cmd)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/images/"+out.ID)
	c.JSON(http.StatusCreated, out)
}

// uploadReadFailed answers a body that could not be read: too large, or
// malformed multipart.
func uploadReadFailed(c *gin.Context, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeProblem(c, http.StatusRequestEntityTooLarge, "the image is larger than 5 MB", imageTooLarge)
		return
	}
	writeProblem(c, http.StatusBadRequest, "the multipart body is malformed", []caja.FieldError{{Field: "file", Message: "could not be read from the multipart body"}})
}

// getImage serves a stored image: immutable, so cached for a year by
// browsers and CDNs, with its id as a strong ETag.
func (a *API) getImage(c *gin.Context) {
	res, err := a.qry.GetImage.Handle(c.Request.Context(), queries.GetImage{ID: c.Param("image_id"), IfNoneMatch: ifNoneMatch(c.Request.Header)})
	if err != nil {
		fail(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("Cache-Control", imageCacheControl)
	h.Set("ETag", res.File.ETag())
	h.Set("X-Content-Type-Options", "nosniff")
	if res.NotModified {
		c.Status(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(res.File.Data)))
	c.Data(http.StatusOK, res.File.ContentType, res.File.Data)
}
