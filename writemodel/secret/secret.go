// Package secret makes and checks bearer secrets (admin tokens, participant
// tokens, display keys). Only their SHA-256 is ever stored.
package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
)

// New returns a random URL-safe secret of 256 bits.
func New() string {
	var b [32]byte
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Hash returns the SHA-256 of a secret. Secrets have 256 bits of entropy, so
// an unsalted fast hash is enough: it only has to be irreversible.
func Hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// HashHex is Hash as lowercase hex, the form kept in Redis.
func HashHex(s string) string {
	return hex.EncodeToString(Hash(s))
}

// Matches reports in constant time whether s hashes to hash.
func Matches(s string, hash []byte) bool {
	if s == "" || len(hash) != sha256.Size {
		return false
	}
	return subtle.ConstantTimeCompare(Hash(s), hash) == 1
}

// MatchesHex is Matches against a hex-encoded hash.
func MatchesHex(s, hashHex string) bool {
	h, err := hex.DecodeString(hashHex)
	if err != nil {
		return false
	}
	return Matches(s, h)
}
