package main

import (
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// Each phone holds a keep-alive connection, and net/http keeps a goroutine
// and two 4 KiB buffers per connection: 10,000 phones are ~185 MB of live
// memory. With Go's default GC pacing the heap grows to twice what is live
// before a collection, so a container sized for the live set is killed
// for memory that is only garbage. A soft memory limit makes the collector
// run earlier instead; allocation on the poll path is small, so the extra
// collections cost little CPU.

// memoryLimitShare is the part of the container's memory the Go runtime
// aims to stay under; the rest is for what it does not count (C code,
// thread stacks, page cache of the binary).
const memoryLimitShare = 0.9

// applyMemoryLimit sets the runtime's soft memory limit to 90% of the
// container's memory limit, unless GOMEMLIMIT is set (the runtime has
// already applied it) or the process has no limit. It returns the limit in
// force, 0 for none.
func applyMemoryLimit(environ map[string]string, cgroupRoot string, log *slog.Logger) int64 {
	if v := environ["GOMEMLIMIT"]; v != "" {
		limit := debug.SetMemoryLimit(-1)
		log.Info("memory limit", "bytes", limit, "from", "GOMEMLIMIT")
		return limit
	}
	cg, ok := containerMemoryLimit(cgroupRoot)
	if !ok {
		return 0
	}
	limit := int64(float64(cg) * memoryLimitShare)
	debug.SetMemoryLimit(limit)
	log.Info("memory limit", "bytes", limit, "from", "cgroup", "cgroup_bytes", cg)
	return limit
}

// containerMemoryLimit reads the memory limit of the process's cgroup as
// mounted in a container (v2: memory.max; v1: memory/memory.limit_in_bytes).
// "max", or v1's near-2^63 value, is no limit.
func containerMemoryLimit(root string) (int64, bool) {
	for _, f := range []string{"memory.max", filepath.Join("memory", "memory.limit_in_bytes")} {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue
		}
		s := strings.TrimSpace(string(b))
		if s == "max" {
			return 0, false
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 || n >= math.MaxInt64/2 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}
