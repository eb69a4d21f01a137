package readmodel

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/cajalive/caja"
)

// DefaultExportMaxBytes is the default cap of one export (64 MiB).
const DefaultExportMaxBytes = 64 << 20

// exportTTL is how long a session's export copy is kept for reuse. There is
// at most one copy per session: a newer version deletes the older one.
const exportTTL = 5 * time.Minute

// exportFreshness is how far behind its session an export may be served.
const exportFreshness = time.Second

// exportRenderTimeout bounds reading a session's rows for one export.
const exportRenderTimeout = time.Minute

// tooLargeMarker stands in for an export past the cap: "too-large:<cap>".
// A rendered export is a JSON object, so it never starts this way.
const tooLargeMarker = "too-large:"

var errExportTooLarge = errors.New("export larger than its cap")

// ExportVersion turns a session hash's projected_at into the version its
// export copy is keyed by (Unix nanoseconds: ordered, and colon-free).
func ExportVersion(projectedAt string) (string, bool) {
	t, err := time.Parse(time.RFC3339Nano, projectedAt)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(t.UnixNano(), 10), true
}

func validExportVersion(v string) bool {
	n, err := strconv.ParseInt(v, 10, 64)
	return err == nil && n > 0 && len(v) <= 20
}

// exportQueue bounds the export requests waiting for the worker.
const exportQueue = 16

type exportRequest struct{ sessionID, version string }

// startExports runs the export worker until stop is called (when this
// projector stops leading); stop cancels a render in progress and waits
// for the worker to end.
func (p *Projector) startExports(ctx context.Context) (chan<- exportRequest, func()) {
	ctx, cancel := context.WithCancel(ctx)
	reqs := make(chan exportRequest, exportQueue)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case r := <-reqs:
				p.renderExport(ctx, r.sessionID, r.version)
			}
		}
	}()
	return reqs, func() {
		cancel()
		<-done
	}
}

// renderExport writes a session's export for one version, unless that copy
// or a newer one is there already (every waiting reader publishes, one
// request renders), and deletes the copy of the version before.
func (p *Projector) renderExport(ctx context.Context, sid, version string) {
	c, k := p.redis.Client, p.redis.Keys
	key := k.Export(sid, version)
	var exists *redis.IntCmd
	var latest *redis.StringCmd
	_, err := c.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		exists = pipe.Exists(ctx, key)
		latest = pipe.Get(ctx, k.ExportLatest(sid))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		p.log.Warn("export failed", "session_id", sid, "err", err)
		return
	}
	old, _ := parseLatest(latest.Val())
	// Done already, or a newer copy exists (which the reader then takes).
	if exists.Val() == 1 || newer(old, version) {
		return
	}
	limit := p.cfg.ExportMaxBytes
	if limit <= 0 {
		limit = DefaultExportMaxBytes
	}
	started := time.Now()
	ctx, cancel := context.WithTimeout(ctx, exportRenderTimeout)
	defer cancel()
	buf := &cappedBuffer{max: limit}
	enc := newExportEncoder(buf)
	err = p.store.StreamExport(ctx, sid, enc)
	if err == nil {
		err = enc.finish()
	}
	value := buf.b.Bytes()
	switch {
	case errors.Is(err, errExportTooLarge):
		value = []byte(tooLargeMarker + strconv.FormatInt(limit, 10))
		p.metrics.exportRendered("too_large")
	case errors.Is(err, context.Canceled):
		return // this projector stopped leading
	case err != nil:
		p.metrics.exportRendered("failed")
		p.log.Warn("export failed", "session_id", sid, "err", err)
		return
	default:
		p.metrics.exportRendered("ok")
	}
	p.log.Info("export rendered", "session_id", sid, "bytes", len(value), "took", time.Since(started).Round(time.Millisecond).String())
	// One transaction, so that a reader never sees two copies (only this
	// worker writes them, so the pointer read above is still current).
	_, err = c.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, key, value, exportTTL)
		pipe.Set(ctx, k.ExportLatest(sid), version+" "+strconv.FormatInt(started.UnixNano(), 10), exportTTL)
		if old != "" && old != version {
			pipe.Del(ctx, k.Export(sid, old))
		}
		return nil
	})
	if err != nil {
		p.log.Warn("export failed", "session_id", sid, "err", err)
	}
}

// ReadExport returns a session's export as of version (see ExportVersion),
// asking the active projector to render it when there is no copy yet, and
// waiting for it.
func (r *Reader) ReadExport(ctx context.Context, sessionID, version string, wait time.Duration) ([]byte, error) {
	c := r.redis.Client
	get := func(version string) ([]byte, bool, error) {
		v, err := c.Get(ctx, r.keys.Export(sessionID, version)).Bytes()
		if errors.Is(err, redis.Nil) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, unavailable(fmt.Errorf("export: %w", err))
		}
		if limit, ok := strings.CutPrefix(string(v[:min(len(v), 64)]), tooLargeMarker); ok {
			return nil, false, caja.Errorf(caja.TooLarge, "this session's export is larger than CAJA_EXPORT_MAX_BYTES (%s bytes)", limit).WithCode(caja.CodeExportTooLarge)
		}
		return v, true, nil
	}
	if v, ok, err := get(version); ok || err != nil {
		return v, err
	}
	// While answers stream in, every request sees a new version; a copy
	// whose rendering started less than exportFreshness ago is served
	// instead, so that a busy session costs the projector at most about
	// one render a second and an export is never more than that behind.
	latest, err := c.Get(ctx, r.keys.ExportLatest(sessionID)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, unavailable(fmt.Errorf("export: %w", err))
	}
	if lv, rendered := parseLatest(latest); lv != "" && time.Since(rendered) < exportFreshness {
		if v, ok, err := get(lv); ok || err != nil {
			return v, err
		}
	}
	if err := c.Publish(ctx, r.keys.RepairChannel(), "export "+sessionID+" "+version).Err(); err != nil {
		return nil, unavailable(fmt.Errorf("export request: %w", err))
	}
	deadline := time.Now().Add(wait)
	pause := 20 * time.Millisecond
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return nil, unavailable(ctx.Err())
		case <-time.After(pause):
		}
		pause = min(pause*2, 250*time.Millisecond)
		if v, ok, err := get(version); ok || err != nil {
			return v, err
		}
		// A newer version may have replaced ours (and deleted its copy)
		// meanwhile: that one is fresher still.
		latest, err := c.Get(ctx, r.keys.ExportLatest(sessionID)).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, unavailable(fmt.Errorf("export: %w", err))
		}
		if lv, _ := parseLatest(latest); newer(lv, version) {
			version = lv
		}
	}
	return nil, unavailable(errors.New("the export was not ready in time"))
}

// newer reports whether version a is later than version b.
func newer(a, b string) bool {
	x, err1 := strconv.ParseInt(a, 10, 64)
	y, err2 := strconv.ParseInt(b, 10, 64)
	return err1 == nil && err2 == nil && x > y
}

// parseLatest splits the ExportLatest value "<version> <render start, Unix
// nanoseconds>"; junk gives "".
func parseLatest(s string) (version string, rendered time.Time) {
	v, at, _ := strings.Cut(s, " ")
	n, err := strconv.ParseInt(at, 10, 64)
	if !validExportVersion(v) || err != nil {
		return "", time.Time{}
	}
	return v, time.Unix(0, n)
}

// cappedBuffer refuses writes past max bytes, so an export never grows past
// its cap in memory.
type cappedBuffer struct {
	b   bytes.Buffer
	max int64
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if int64(c.b.Len()+len(p)) > c.max {
		return 0, errExportTooLarge
	}
	return c.b.Write(p)
}

// exportEncoder writes {"answers":[…],"questions":[…],"summary":[…]} as the
// rows come.
type exportEncoder struct {
	w    io.Writer
	enc  *json.Encoder
	part int // parts opened so far
	rows int // rows in the open part
}

var exportParts = [...]string{`{"answers":[`, `],"questions":[`, `],"summary":[`}

func newExportEncoder(w io.Writer) *exportEncoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &exportEncoder{w: w, enc: enc}
}

// to opens part n (1-based), and those before it.
func (e *exportEncoder) to(n int) error {
	for e.part < n {
		if _, err := io.WriteString(e.w, exportParts[e.part]); err != nil {
			return err
		}
		e.part++
		e.rows = 0
	}
	return nil
}

func (e *exportEncoder) row(part int, v any) error {
	if err := e.to(part); err != nil {
		return err
	}
	if e.rows > 0 {
		if _, err := io.WriteString(e.w, ","); err != nil {
			return err
		}
	}
	e.rows++
	return e.enc.Encode(v)
}

func (e *exportEncoder) Answer(r caja.ExportRow) error        { return e.row(1, r) }
func (e *exportEncoder) Question(q caja.ExportQuestion) error { return e.row(2, q) }
func (e *exportEncoder) Summary(s caja.ExportSummary) error   { return e.row(3, s) }

func (e *exportEncoder) finish() error {
	if err := e.to(len(exportParts)); err != nil {
		return err
	}
	_, err := io.WriteString(e.w, "]}")
	return err
}
