package commands

import (
	"strings"
	"testing"
)

func TestPassword_HashAndVerify(t *testing.T) {
	t.Parallel()
	h := hashPassword("correct horse battery")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("PHC string %q: want argon2id at m=19 MiB, t=2, p=1", h)
	}
	if h2 := hashPassword("correct horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		name, password, phc string
		want                bool
	}{
		{"Right", "correct horse battery", h, true},
		{"Wrong", "correct horse batterY", h, false},
		{"Empty", "", h, false},
		{"NotPHC", "correct horse battery", "plain", false},
		{"OtherAlgorithm", "correct horse battery", strings.Replace(h, "argon2id", "argon2i", 1), false},
		{"HugeMemory", "correct horse battery", strings.Replace(h, "m=19456", "m=99999999", 1), false},
		{"Dummy", "correct horse battery", dummyPasswordHash(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := verifyPassword(tt.password, tt.phc); got != tt.want {
				t.Errorf("verify = %v, want %v", got, tt.want)
			}
		})
	}
}
