package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
)

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Code is the stable machine code the web app translates (caja.Codes).
	Code   caja.Code         `json:"code"`
	Errors []caja.FieldError `json:"errors"`
}

func statusOf(k caja.Kind) int {
	switch k {
	case caja.Invalid:
		return http.StatusUnprocessableEntity
	case caja.NotFound:
		return http.StatusNotFound
	case caja.Conflict:
		return http.StatusConflict
	case caja.Unauthorized:
		return http.StatusUnauthorized
	case caja.Forbidden:
		return http.StatusForbidden
	case caja.Unavailable:
		return http.StatusServiceUnavailable
	case caja.TooManyRequests:
		return http.StatusTooManyRequests
	case caja.TooLarge:
		return http.StatusRequestEntityTooLarge
	default:
		return http.StatusInternalServerError
	}
}

func problemType(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "urn:caja:problem:bad-request"
	case http.StatusUnprocessableEntity:
		return "urn:caja:problem:validation"
	case http.StatusNotFound:
		return "urn:caja:problem:not-found"
	case http.StatusConflict:
		return "urn:caja:problem:conflict"
	case http.StatusUnauthorized:
		return "urn:caja:problem:unauthorized"
	case http.StatusForbidden:
		return "urn:caja:problem:forbidden"
	case http.StatusServiceUnavailable:
		return "urn:caja:problem:unavailable"
	case http.StatusTooManyRequests:
		return "urn:caja:problem:rate-limited"
	case http.StatusRequestEntityTooLarge:
		return "urn:caja:problem:too-large"
	default:
		return "about:blank"
	}
}

// statusCode is the code of a problem transport raises itself.
func statusCode(status int) caja.Code {
	switch status {
	case http.StatusBadRequest:
		return caja.CodeBadRequest
	case http.StatusNotFound:
		return caja.CodeNotFound
	case http.StatusMethodNotAllowed:
		return caja.CodeMethodNotAllowed
	case http.StatusRequestEntityTooLarge:
		return caja.CodeBodyTooLarge
	case http.StatusServiceUnavailable:
		return caja.CodeUnavailable
	case http.StatusInternalServerError:
		return caja.CodeInternal
	}
	return caja.KindCode(caja.Internal)
}

// writeProblem answers with a problem document whose code follows from its
// status; 500s say nothing about the cause, which goes to the request's log
// line instead (see accessLog).
func writeProblem(c *gin.Context, status int, detail string, fields []caja.FieldError) {
	writeCodedProblem(c, status, statusCode(status), detail, fields)
}

// writeCodedProblem answers with a problem document of the given code.
func writeCodedProblem(c *gin.Context, status int, code caja.Code, detail string, fields []caja.FieldError) {
	if fields == nil {
		fields = []caja.FieldError{}
	}
	if len(fields) > caja.MaxFieldErrors {
		fields = fields[:caja.MaxFieldErrors]
	}
	p := Problem{Type: problemType(status), Title: http.StatusText(status), Status: status, Detail: detail, Code: code, Errors: fields}
	body, _ := json.Marshal(p)
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.Status(status)
	_, _ = c.Writer.Write(body)
	c.Abort()
}

// fail maps an error to its problem response.
func fail(c *gin.Context, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeProblem(c, http.StatusRequestEntityTooLarge, "the request body is larger than 64 KiB", nil)
		return
	}
	e, ok := caja.AsError(err)
	if !ok || e.Kind == caja.Internal {
		_ = c.Error(err)
		writeProblem(c, http.StatusInternalServerError, "something went wrong on our side", nil)
		return
	}
	status := statusOf(e.Kind)
	switch status {
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		if secs < 1 {
			secs = 1
		}
		c.Header("Retry-After", strconv.Itoa(secs))
		if status == http.StatusServiceUnavailable {
			_ = c.Error(err)
		}
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="caja"`)
	}
	writeCodedProblem(c, status, caja.CodeOf(e), e.Message, e.Fields)
}

func logger(c *gin.Context) *slog.Logger {
	if info, ok := c.Get(requestKey); ok {
		return info.(*requestInfo).logger()
	}
	return slog.Default()
}
