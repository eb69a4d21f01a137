package queries

import (
	"context"

	"github.com/cajalive/caja/readmodel"
)

// JoinByCode resolves a join code typed on a phone.
type JoinByCode struct{ Code string }

// JoinInfo is what a phone needs before choosing a nickname.
type JoinInfo struct {
	SessionID string `json:"session_id"`
	Name      string `json:"name"`
	Status    string `json:"status"`
}

// CodeReader is the read interface for join codes.
type CodeReader interface {
	SessionFields
	SessionIDByCode(ctx context.Context, code string) (string, error)
}

// JoinByCodeHandler answers JoinByCode.
type JoinByCodeHandler struct{ reader CodeReader }

// NewJoinByCodeHandler returns the handler.
func NewJoinByCodeHandler(r CodeReader) JoinByCodeHandler { return JoinByCodeHandler{reader: r} }

// Handle looks the code up.
func (h JoinByCodeHandler) Handle(ctx context.Context, q JoinByCode) (JoinInfo, error) {
	id, err := h.reader.SessionIDByCode(ctx, q.Code)
	if err != nil {
		return JoinInfo{}, err
	}
	vals, err := fieldsWithRepair(ctx, h.reader, id, readmodel.FieldName, readmodel.FieldStatus)
	if err != nil {
		return JoinInfo{}, err
	}
	return JoinInfo{SessionID: id, Name: vals[0], Status: vals[1]}, nil
}
