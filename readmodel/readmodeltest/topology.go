package readmodeltest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// server is one redis-server or redis-sentinel a test started.
type server struct {
	Port int
	cmd  *exec.Cmd
}

// freeClusterPort returns a free port whose cluster bus port (+10000) is
// free too.
func freeClusterPort(tb testing.TB) int {
	tb.Helper()
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		if port+10000 > 65535 {
			_ = l.Close()
			continue
		}
		bus, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000))
		_ = l.Close()
		if err != nil {
			continue
		}
		_ = bus.Close()
		return port
	}
	tb.Fatal("no free port pair for a cluster node")
	return 0
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer runs bin with args, kills it when the test ends, and waits
// until it answers PING.
func startServer(tb testing.TB, port int, bin string, args ...string) *server {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start %s (is it installed? .ci/services.sh installs it): %v", bin, err)
	}
	s := &server{Port: port, cmd: cmd}
	tb.Cleanup(s.kill)
	c := redis.NewClient(&redis.Options{Addr: s.Addr()})
	defer c.Close()
	waitFor(tb, 10*time.Second, bin+" on "+s.Addr()+" answers", func() bool { return c.Ping(context.Background()).Err() == nil })
	return s
}

func (s *server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.Port) }

func (s *server) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

func (s *server) client() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
}

func waitFor(tb testing.TB, within time.Duration, what string, ok func() bool) {
	tb.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			tb.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Cluster is a real Redis Cluster of three masters (no replicas) on free
// ports, stopped when the test ends.
type Cluster struct {
	Masters []*server
}

// StartCluster starts three redis-server --cluster-enabled yes and joins them
// with redis-cli --cluster create.
func StartCluster(tb testing.TB) *Cluster {
	tb.Helper()
	dir := tb.TempDir()
	c := &Cluster{}
	var addrs []string
	for range 3 {
		port := freeClusterPort(tb)
		p := strconv.Itoa(port)
		s := startServer(tb, port, "redis-server", "--port", p, "--bind", "127.0.0.1", "--cluster-enabled", "yes",
			"--cluster-config-file", filepath.Join(dir, "nodes-"+p+".conf"), "--cluster-node-timeout", "2000",
			"--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "warning")
		c.Masters = append(c.Masters, s)
		addrs = append(addrs, s.Addr())
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		tb.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, m := range c.Masters {
		cl := m.client()
		waitFor(tb, 20*time.Second, "cluster_state:ok on "+m.Addr(), func() bool {
			info, err := cl.ClusterInfo(context.Background()).Result()
			return err == nil && strings.Contains(info, "cluster_state:ok")
		})
		_ = cl.Close()
	}
	return c
}

// URL is the cluster in go-redis' ParseClusterURL form.
func (c *Cluster) URL() string {
	u := "redis://" + c.Masters[0].Addr() + "?"
	for i, m := range c.Masters[1:] {
		if i > 0 {
			u += "&"
		}
		u += "addr=" + m.Addr()
	}
	return u
}

// Master returns a plain client of master i (a test closes it).
func (c *Cluster) Master(i int) *redis.Client { return c.Masters[i].client() }

// Sentinel is one primary, one replica and three sentinels watching them,
// on free ports, stopped when the test ends.
type Sentinel struct {
	MasterName string
	Primary    *server
	Replica    *server
	Sentinels  []*server
}

// StartSentinel starts the primary, its replica and three redis-sentinel
// processes, and waits until the sentinels know the replica and each other.
func StartSentinel(tb testing.TB) *Sentinel {
	tb.Helper()
	dir := tb.TempDir()
	s := &Sentinel{MasterName: "caja"}
	common := []string{"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "warning"}
	pp := freePort(tb)
	s.Primary = startServer(tb, pp, "redis-server", append([]string{"--port", strconv.Itoa(pp)}, common...)...)
	rp := freePort(tb)
	s.Replica = startServer(tb, rp, "redis-server", append([]string{"--port", strconv.Itoa(rp), "--replicaof", "127.0.0.1", strconv.Itoa(pp)}, common...)...)
	rc := s.Replica.client()
	waitFor(tb, 10*time.Second, "replica in sync", func() bool {
		info, err := rc.Info(context.Background(), "replication").Result()
		return err == nil && strings.Contains(info, "master_link_status:up")
	})
	_ = rc.Close()
	for i := range 3 {
		port := freePort(tb)
		conf := filepath.Join(dir, fmt.Sprintf("sentinel-%d.conf", i))
		text := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor %s 127.0.0.1 %d 2\nsentinel down-after-milliseconds %[3]s 1000\nsentinel failover-timeout %[3]s 5000\n",
			port, dir, s.MasterName, pp)
		if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
			tb.Fatal(err)
		}
		s.Sentinels = append(s.Sentinels, startServer(tb, port, "redis-sentinel", conf))
	}
	for _, sn := range s.Sentinels {
		sc := redis.NewSentinelClient(&redis.Options{Addr: sn.Addr()})
		waitFor(tb, 20*time.Second, "sentinel "+sn.Addr()+" knows the replica and the other sentinels", func() bool {
			ctx := context.Background()
			reps, err := sc.Replicas(ctx, s.MasterName).Result()
			if err != nil || len(reps) != 1 || strings.Contains(reps[0]["flags"], "down") {
				return false
			}
			others, err := sc.Sentinels(ctx, s.MasterName).Result()
			return err == nil && len(others) == 2
		})
		_ = sc.Close()
	}
	return s
}

// URL is the deployment in go-redis' ParseFailoverURL form.
func (s *Sentinel) URL() string {
	u := "redis://" + s.Sentinels[0].Addr() + "?"
	for _, sn := range s.Sentinels[1:] {
		u += "addr=" + sn.Addr() + "&"
	}
	return u + "master_name=" + s.MasterName
}

// Failover runs SENTINEL FAILOVER and waits until the sentinels name the
// former replica as the primary.
func (s *Sentinel) Failover(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	sc := redis.NewSentinelClient(&redis.Options{Addr: s.Sentinels[0].Addr()})
	defer sc.Close()
	if err := sc.Failover(ctx, s.MasterName).Err(); err != nil {
		tb.Fatalf("SENTINEL FAILOVER: %v", err)
	}
	want := strconv.Itoa(s.Replica.Port)
	waitFor(tb, 15*time.Second, "the replica promoted", func() bool {
		addr, err := sc.GetMasterAddrByName(ctx, s.MasterName).Result()
		return err == nil && len(addr) == 2 && addr[1] == want
	})
	rc := s.Replica.client()
	defer rc.Close()
	waitFor(tb, 10*time.Second, "the new primary takes writes", func() bool {
		info, err := rc.Info(ctx, "replication").Result()
		return err == nil && strings.Contains(info, "role:master")
	})
}
