package caja

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"
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

// NewParticipantToken returns a participant token that carries when it was
// issued: 6 bytes of Unix milliseconds, then 256 random bits. Readers use it
// to tell a token just issued (whose projection may be milliseconds away:
// worth waiting for) from a token that was never issued (answered at once).
// The time is not a secret and proves nothing: it only decides whether to
// wait, and a forged one buys a caller its own wait.
func NewParticipantToken(now time.Time) string {
	var b [6 + 32]byte
	ms := uint64(now.UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	_, _ = rand.Read(b[6:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// TokenIssuedAt is when a participant token says it was issued; false for
// tokens without a time (random strings, tokens from before it was added).
func TokenIssuedAt(token string) (time.Time, bool) {
	if base64.RawURLEncoding.DecodedLen(len(token)) != 6+32 {
		return time.Time{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 6+32 {
		return time.Time{}, false
	}
	var ms uint64
	for _, c := range b[:6] {
		ms = ms<<8 | uint64(c)
	}
	return time.UnixMilli(int64(ms)), true
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
