package caja

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
)

// Tokens are the bearer secrets (admin tokens, participant tokens, display
// keys). Only their SHA-256 is ever stored.

// NewToken returns a random URL-safe token of 256 bits.
func NewToken() string {
	var b [32]byte
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken returns the SHA-256 of a token. Tokens have 256 bits of
// entropy, so an unsalted fast hash is enough: it only has to be
// irreversible.
func HashToken(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// HashTokenHex is HashToken as lowercase hex, the form kept in Redis.
func HashTokenHex(s string) string {
	return hex.EncodeToString(HashToken(s))
}

// TokenMatches reports in constant time whether s hashes to hash.
func TokenMatches(s string, hash []byte) bool {
	if s == "" || len(hash) != sha256.Size {
		return false
	}
	return subtle.ConstantTimeCompare(HashToken(s), hash) == 1
}

// TokenMatchesHex is TokenMatches against a hex-encoded hash.
func TokenMatchesHex(s, hashHex string) bool {
	h, err := hex.DecodeString(hashHex)
	if err != nil {
		return false
	}
	return TokenMatches(s, h)
}
