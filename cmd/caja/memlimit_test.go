package main

import (
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func writeCgroup(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestContainerMemoryLimit_ReadsCgroup(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  int64
		ok    bool
	}{
		{"v2 limit", map[string]string{"memory.max": "536870912\n"}, 512 << 20, true},
		{"v2 unlimited", map[string]string{"memory.max": "max\n"}, 0, false},
		{"v1 limit", map[string]string{"memory/memory.limit_in_bytes": "1073741824\n"}, 1 << 30, true},
		{"v1 unlimited", map[string]string{"memory/memory.limit_in_bytes": "9223372036854771712\n"}, 0, false},
		{"no cgroup files", nil, 0, false},
		{"garbage", map[string]string{"memory.max": "lots"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := containerMemoryLimit(writeCgroup(t, tt.files))
			if got != tt.want || ok != tt.ok {
				t.Errorf("containerMemoryLimit = %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestApplyMemoryLimit_NinetyPercentOfTheContainer(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	log := slog.New(slog.DiscardHandler)

	root := writeCgroup(t, map[string]string{"memory.max": "1000000000"})
	if got := applyMemoryLimit(map[string]string{}, root, log); got != 900_000_000 {
		t.Errorf("limit = %d, want 900000000", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 900_000_000 {
		t.Errorf("runtime limit = %d, want 900000000", got)
	}

	// An operator's GOMEMLIMIT wins: the runtime applied it at start.
	debug.SetMemoryLimit(123 << 20)
	if got := applyMemoryLimit(map[string]string{"GOMEMLIMIT": "123MiB"}, root, log); got != 123<<20 {
		t.Errorf("with GOMEMLIMIT: limit = %d, want %d", got, 123<<20)
	}

	// No container limit: nothing changes.
	debug.SetMemoryLimit(math.MaxInt64)
	if got := applyMemoryLimit(map[string]string{}, t.TempDir(), log); got != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("without a limit: got %d, runtime %d", got, debug.SetMemoryLimit(-1))
	}
}
