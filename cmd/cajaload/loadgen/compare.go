package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

// CompareConfig is the polling-path comparison: wrk against Caja's state
// endpoint and against a naive gin handler reading the same Redis, in the
// same run, so that the ratio means something on a noisy machine.
type CompareConfig struct {
	RedisURL string
	// Prefix is the server's CAJA_REDIS_PREFIX.
	Prefix   string
	Duration time.Duration
	Conns    int
	Threads  int
	Rounds   int
	Wrk      string // wrk binary
}

// WrkResult is one wrk run.
type WrkResult struct {
	RequestsPerSec float64
	Non2xx3xx      int
	SocketErrors   string
	Latency        string // wrk's average latency
}

// CompareReport pairs each path with its naive reference.
type CompareReport struct {
	Rows []CompareRow
}

// CompareRow is one path: Caja's and the naive handler's best runs.
type CompareRow struct {
	Path         string
	Caja, Naive  WrkResult
	AllCaja      []float64
	AllNaive     []float64
	BodyBytes    int
	RedisCommand string
}

// Ratio is Caja's requests/s over the naive handler's (best of rounds
// each).
func (r CompareRow) Ratio() float64 { return r.Caja.RequestsPerSec / r.Naive.RequestsPerSec }

func (r CompareReport) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%-6s %14s %14s %7s  %s\n", "path", "caja req/s", "naive req/s", "ratio", "naive handler")
	for _, row := range r.Rows {
		fmt.Fprintf(&b, "%-6s %14.0f %14.0f %7.2f  %s (rounds: caja %v, naive %v)\n", row.Path, row.Caja.RequestsPerSec, row.Naive.RequestsPerSec, row.Ratio(), row.RedisCommand, round0(row.AllCaja), round0(row.AllNaive))
		for _, res := range []WrkResult{row.Caja, row.Naive} {
			if res.Non2xx3xx > 0 || res.SocketErrors != "" {
				fmt.Fprintf(&b, "       errors: non-2xx/3xx %d %s\n", res.Non2xx3xx, res.SocketErrors)
			}
		}
	}
	return b.String()
}

func round0(xs []float64) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x)
	}
	return out
}

// naiveServer is the reference: gin with no middleware, one HGET (304
// path) or one HMGET (200 path) per request, plain string comparison of the
// ETag.
func naiveServer(rdb *redis.Client, prefix string) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/naive/304/:id", func(c *gin.Context) {
		etag, err := rdb.HGet(c, prefix+"{"+c.Param("id")+"}:session", "etag").Result()
		if err != nil {
			c.Status(http.StatusServiceUnavailable)
			return
		}
		if c.GetHeader("If-None-Match") == etag {
			c.Status(http.StatusNotModified)
			return
		}
		c.Header("ETag", etag)
		c.Status(http.StatusOK)
	})
	r.GET("/naive/200/:id", func(c *gin.Context) {
		vals, err := rdb.HMGet(c, prefix+"{"+c.Param("id")+"}:session", "etag", "participant_json").Result()
		if err != nil {
			c.Status(http.StatusServiceUnavailable)
			return
		}
		etag, _ := vals[0].(string)
		body, _ := vals[1].(string)
		c.Header("ETag", etag)
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "application/json", []byte(body))
	})
	return r
}

// Compare runs the comparison.
func Compare(ctx context.Context, cl *Client, cfg CompareConfig) (*CompareReport, error) {
	if cfg.Wrk == "" {
		cfg.Wrk = "wrk"
	}
	if _, err := exec.LookPath(cfg.Wrk); err != nil {
		return nil, fmt.Errorf("compare needs wrk (Debian package wrk): %w", err)
	}
	cfg.Rounds = max(1, cfg.Rounds)
	opt, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("-redis: %w", err)
	}
	opt.PoolSize = max(opt.PoolSize, cfg.Conns)
	rdb := redis.NewClient(opt)
	defer rdb.Close()

	s, err := cl.CreateSession(ctx, "cajaload compare")
	if err != nil {
		return nil, err
	}
	stateURL := cl.Base + "/api/v1/sessions/" + s.ID + "/state"
	etag, body, err := awaitState(ctx, cl, stateURL)
	if err != nil {
		return nil, err
	}
	stored, err := rdb.HGet(ctx, cfg.Prefix+"{"+s.ID+"}:session", "etag").Result()
	if err != nil || stored != etag {
		return nil, fmt.Errorf("the naive handler cannot read the session from %s with prefix %q (is -prefix the server's CAJA_REDIS_PREFIX?): %v", cfg.RedisURL, cfg.Prefix, err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: naiveServer(rdb, cfg.Prefix), ReadHeaderTimeout: 5 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	defer func() {
		_ = srv.Shutdown(context.Background())
		<-serveErr
	}()
	naive := "http://" + ln.Addr().String() + "/naive"

	rows := []struct {
		path, caja, naive, cmd string
		header                 string
	}{
		{"304", stateURL, naive + "/304/" + s.ID, "HGET etag", "If-None-Match: " + etag},
		{"200", stateURL, naive + "/200/" + s.ID, "HMGET etag participant_json", ""},
	}
	rep := &CompareReport{}
	for _, row := range rows {
		cr := CompareRow{Path: row.path, RedisCommand: row.cmd, BodyBytes: len(body)}
		for i := 0; i < cfg.Rounds; i++ {
			// Alternate, so that drift on a shared machine hits both.
			for _, target := range []string{"caja", "naive"} {
				url := row.caja
				if target == "naive" {
					url = row.naive
				}
				res, err := runWrk(ctx, cfg, url, row.header)
				if err != nil {
					return nil, err
				}
				if target == "caja" {
					cr.AllCaja = append(cr.AllCaja, res.RequestsPerSec)
					if res.RequestsPerSec >= cr.Caja.RequestsPerSec {
						cr.Caja = res
					}
				} else {
					cr.AllNaive = append(cr.AllNaive, res.RequestsPerSec)
					if res.RequestsPerSec >= cr.Naive.RequestsPerSec {
						cr.Naive = res
					}
				}
			}
		}
		rep.Rows = append(rep.Rows, cr)
	}
	return rep, nil
}

func awaitState(ctx context.Context, cl *Client, url string) (etag string, body []byte, err error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := cl.HTTP.Do(req)
		if err == nil {
			body, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode == http.StatusOK {
				return resp.Header.Get("ETag"), body, nil
			}
		}
		if time.Now().After(deadline) {
			return "", nil, errors.New("the session's state never answered 200")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	wrkSocket  = regexp.MustCompile(`Socket errors:[^\n]*`)
	wrkLatency = regexp.MustCompile(`Latency\s+(\S+)`)
)

func runWrk(ctx context.Context, cfg CompareConfig, url, header string) (WrkResult, error) {
	args := []string{"-t", strconv.Itoa(max(1, cfg.Threads)), "-c", strconv.Itoa(cfg.Conns), "-d", fmt.Sprintf("%ds", max(1, int(cfg.Duration.Seconds())))}
	if header != "" {
		args = append(args, "-H", header)
	}
	args = append(args, url)
	out, err := exec.CommandContext(ctx, cfg.Wrk, args...).CombinedOutput()
	if err != nil {
		return WrkResult{}, fmt.Errorf("wrk %v: %w\n%s", args, err, out)
	}
	m := wrkRPS.FindSubmatch(out)
	if m == nil {
		return WrkResult{}, fmt.Errorf("wrk printed no Requests/sec:\n%s", out)
	}
	var res WrkResult
	res.RequestsPerSec, _ = strconv.ParseFloat(string(m[1]), 64)
	if m := wrkNon2xx.FindSubmatch(out); m != nil {
		res.Non2xx3xx, _ = strconv.Atoi(string(m[1]))
	}
	if m := wrkSocket.Find(out); m != nil {
		res.SocketErrors = string(m)
	}
	if m := wrkLatency.FindSubmatch(out); m != nil {
		res.Latency = string(m[1])
	}
	return res, nil
}
