package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/cajalive/caja"
)

// errBadRequest marks a request that is not well-formed (400), as opposed to
// well-formed but invalid (422).
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

// DecodeJSON reads exactly one JSON object into dst, rejecting unknown
// fields and trailing data. Errors name the offending field.
func DecodeJSON(body io.Reader, dst any) error {
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return errBadRequest{"the request body must be a JSON object"}
	}
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD.
	if !utf8.Valid(data) {
		return errBadRequest{"the request body is not valid UTF-8"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(data, err)
	}
	if dec.More() {
		return errBadRequest{"the request body must hold a single JSON object"}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errBadRequest{"the request body must hold a single JSON object"}
	}
	return nil
}

func decodeError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var fe *fieldError
	switch {
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errBadRequest{"the request body is not valid JSON"}
	case errors.As(err, &fe):
		return caja.InvalidField(fe.field, fe.msg)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return errBadRequest{"the request body must be a JSON object"}
		}
		return caja.InvalidField(pathAt(data, typ.Offset, typ.Field), "must be "+jsonKind(typ.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if name != `""` {
			name = strings.Trim(name, `"`)
		}
		// An empty key stays quoted ("") so the problem still names it.
		return caja.InvalidField(name, "is not a known field")
	default:
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errBadRequest{"the request body is not valid JSON"}
	}
}

// pathAt names the JSON value that encoding/json rejected at offset, with
// array indexes ("options[1].label"), which its type errors leave out. It
// falls back to encoding/json's dotted path.
func pathAt(data []byte, offset int64, fallback string) string {
	var stack []jsonContainer
	last := ""
	expectKey := false
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.InputOffset() < offset {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			expectKey = len(stack) > 0 && !stack[len(stack)-1].array
			continue
		}
		if n := len(stack); n > 0 && !stack[n-1].array && expectKey {
			stack[n-1].key, _ = tok.(string)
			expectKey = false
			continue
		}
		// tok is a value, or the start of one.
		if n := len(stack); n > 0 && stack[n-1].array {
			stack[n-1].index++
		}
		last = containerPath(stack)
		switch tok {
		case json.Delim('{'):
			stack = append(stack, jsonContainer{})
			expectKey = true
		case json.Delim('['):
			stack = append(stack, jsonContainer{array: true, index: -1})
		default:
			expectKey = len(stack) > 0 && !stack[len(stack)-1].array
		}
	}
	if last == "" {
		return jsonPath(fallback)
	}
	return last
}

// jsonContainer is an object or array being read, with the key or index of
// the value being read in it.
type jsonContainer struct {
	array bool
	index int
	key   string
}

func containerPath(stack []jsonContainer) string {
	var b strings.Builder
	for _, c := range stack {
		if c.array {
			fmt.Fprintf(&b, "[%d]", c.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(c.key)
	}
	return b.String()
}

// jsonPath turns encoding/json's "options.1.label" into "options[1].label".
func jsonPath(p string) string {
	parts := strings.Split(p, ".")
	var b strings.Builder
	for i, s := range parts {
		if s != "" && s[0] >= '0' && s[0] <= '9' {
			fmt.Fprintf(&b, "[%s]", s)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "a number"
	case "ptr":
		return "a valid value"
	default:
		return "a valid value"
	}
}

// fieldError is returned by custom unmarshalers to name their field.
type fieldError struct{ field, msg string }

func (e *fieldError) Error() string { return e.field + " " + e.msg }

// nullable records whether a field was present, and its value or null.
type nullable[T any] struct {
	Set   bool
	Value *T
}

func (n *nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		n.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	n.Value = &v
	return nil
}

// bindJSON decodes the body or answers with the problem and returns false.
func bindJSON(c *gin.Context, dst any) bool {
	if err := DecodeJSON(c.Request.Body, dst); err != nil {
		var br errBadRequest
		if errors.As(err, &br) {
			writeProblem(c, http.StatusBadRequest, br.msg, nil)
			return false
		}
		fail(c, err)
		return false
	}
	return true
}

// pathUUID reads a UUID path parameter in canonical form, or answers 400.
func pathUUID(c *gin.Context, name string) (string, bool) {
	if p := c.Param(name); caja.IsCanonicalID(p) {
		return p, true // the common case, without allocating
	}
	id, err := uuid.Parse(c.Param(name))
	if err != nil || len(c.Param(name)) != 36 {
		writeProblem(c, http.StatusBadRequest, fmt.Sprintf("%s must be a UUID", name), []caja.FieldError{{Field: name, Message: "must be a UUID"}})
		return "", false
	}
	return id.String(), true
}

// bearer extracts the token from "Authorization: Bearer <token>".
func bearer(c *gin.Context) string {
	h := c.GetHeader("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// requireNotNull rejects null for fields that may be omitted but not nulled.
func requireNotNull[T any](errs *caja.Fields, field string, n nullable[T]) *T {
	if n.Set && n.Value == nil {
		errs.Add(field, "must not be null")
	}
	return n.Value
}
