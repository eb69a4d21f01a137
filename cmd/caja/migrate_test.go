package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cajalive/caja/writemodel/writemodeltest"
)

// appliedVersions runs `caja migrate status` and returns each migration's
// state by its five-digit version.
func appliedVersions(t *testing.T, env map[string]string) map[string]string {
	t.Helper()
	var out bytes.Buffer
	if err := run([]string{"migrate", "status"}, env, &out); err != nil {
		t.Fatalf("migrate status: %v", err)
	}
	states := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(applied|pending)\s+(\d{5}) `).FindAllStringSubmatch(out.String(), -1) {
		states[m[2]] = m[1]
	}
	if len(states) < 7 {
		t.Fatalf("migrate status listed %d migrations, want at least 7:\n%s", len(states), out.String())
	}
	return states
}

// TestMigrate_UpToAndDownTo: an operator steps a real Postgres database to a
// version and back with `caja migrate up-to|down-to VERSION`; each step
// leaves exactly the migrations up to VERSION applied, and `migrate up`
// then applies the rest.
func TestMigrate_UpToAndDownTo(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": writemodeltest.NewEmptyURL(t)}
	steps := []struct {
		args []string
		last int // highest applied migration afterwards; all when -1
	}{
		{[]string{"migrate", "up-to", "5"}, 5},
		{[]string{"migrate", "down-to", "3"}, 3},
		{[]string{"migrate", "up-to", "6"}, 6},
		{[]string{"migrate", "up"}, -1},
		{[]string{"migrate", "down-to", "4"}, 4},
	}
	for _, st := range steps {
		var out bytes.Buffer
		if err := run(st.args, env, &out); err != nil {
			t.Fatalf("%s: %v", strings.Join(st.args, " "), err)
		}
		for version, state := range appliedVersions(t, env) {
			want := "applied"
			if st.last >= 0 && version > fmt.Sprintf("%05d", st.last) {
				want = "pending"
			}
			if state != want {
				t.Errorf("after %s: migration %s is %s, want %s", strings.Join(st.args, " "), version, state, want)
			}
		}
	}
}

// TestMigrate_BadVersion: a missing or malformed VERSION is refused with the
// usage, before the database is touched.
func TestMigrate_BadVersion(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": writemodeltest.NewEmptyURL(t)}
	if err := run([]string{"migrate", "up-to", "2"}, env, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	before := appliedVersions(t, env)
	for _, args := range [][]string{
		{"migrate", "up-to"},
		{"migrate", "down-to", "two"},
		{"migrate", "down-to", "-1"},
		{"migrate", "up-to", "5", "6"},
		{"migrate", "sideways"},
	} {
		err := run(args, env, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "usage: caja migrate") {
			t.Errorf("%s: error %v, want the migrate usage", strings.Join(args, " "), err)
		}
	}
	after := appliedVersions(t, env)
	for v, s := range before {
		if after[v] != s {
			t.Errorf("migration %s went from %s to %s on bad input", v, s, after[v])
		}
	}
}
