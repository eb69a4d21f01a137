// Package caja is the vocabulary every layer shares: error kinds, tokens,
// the names of the pre-rendered views and the JSON documents of the API. It
// imports no package of the project, so that any layer may import it.
package caja

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error for the caller. Only transport maps a kind to an
// HTTP status.
type Kind int

const (
	Internal Kind = iota
	Invalid
	NotFound
	Conflict
	Unauthorized
	Forbidden
	Unavailable
	TooManyRequests
	TooLarge
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not found"
	case Conflict:
		return "conflict"
	case Unauthorized:
		return "unauthorized"
	case Forbidden:
		return "forbidden"
	case Unavailable:
		return "unavailable"
	case TooManyRequests:
		return "too many requests"
	case TooLarge:
		return "too large"
	default:
		return "internal"
	}
}

// FieldError names the JSON field (path) that was wrong and why.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an error with a kind, a message safe to show to a client, and
// optionally the fields at fault and how long to wait before retrying.
type Error struct {
	Kind Kind
	// Code is the problem's machine code (KindCode when empty).
	Code       Code
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an error of the given kind with a client-safe message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// InvalidField returns an Invalid error naming one field.
func InvalidField(field, message string) *Error {
	return &Error{Kind: Invalid, Message: "validation failed", Fields: []FieldError{{Field: field, Message: message}}}
}

// Fields collects field errors; Err returns nil when none were added.
type Fields []FieldError

// MaxFieldErrors bounds the field errors one problem lists: a body with
// thousands of bad entries gets the first ones, not a response larger
// than itself.
const MaxFieldErrors = 20

// Add records a problem with one field (the first MaxFieldErrors of them).
func (f *Fields) Add(field, format string, args ...any) {
	if len(*f) >= MaxFieldErrors {
		return
	}
	*f = append(*f, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns an Invalid error carrying the collected fields, or nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "validation failed", Fields: f}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// AsError returns the first *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
