package readmodel

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestNewClient_KeepsURLOptions: each mode builds its client from REDIS_URL;
// timeouts and retries the URL names are kept, Caja's defaults fill the rest.
func TestNewClient_KeepsURLOptions(t *testing.T) {
	t.Parallel()
	type got struct {
		read, dial  time.Duration
		retries     int
		dialRetries int
	}
	tests := []struct {
		name, mode, url string
		want            got
		clustered       bool
	}{
		{"SingleDefaults", ModeSingle, "redis://127.0.0.1:6379/0", got{500 * time.Millisecond, time.Second, -1, 1}, false},
		{"SingleFromURL", ModeSingle, "redis://127.0.0.1:6379/0?read_timeout=3s&max_retries=2&dial_timeout=4s", got{3 * time.Second, 4 * time.Second, 2, 1}, false},
		{"ClusterDefaults", ModeCluster, "redis://127.0.0.1:7000?addr=127.0.0.1:7001", got{500 * time.Millisecond, time.Second, -1, 1}, true},
		{"ClusterFromURL", ModeCluster, "redis://127.0.0.1:7000?addr=127.0.0.1:7001&dial_timeout=2s&max_retries=3", got{500 * time.Millisecond, 2 * time.Second, 3, 1}, true},
		{"SentinelFromURL", ModeSentinel, "redis://127.0.0.1:26379?addr=127.0.0.1:26380&master_name=caja&read_timeout=2s", got{2 * time.Second, time.Second, -1, 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newClient(Config{RedisURL: tt.url, Mode: tt.mode})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			var g got
			switch c := c.(type) {
			case *redis.ClusterClient:
				o := c.Options()
				g = got{o.ReadTimeout, o.DialTimeout, o.MaxRetries, o.DialerRetries}
			case *redis.Client:
				o := c.Options()
				g = got{o.ReadTimeout, o.DialTimeout, o.MaxRetries, o.DialerRetries}
				if g.retries == 0 {
					g.retries = -1 // go-redis stores "no retries" (-1) as 0 once built
				}
			default:
				t.Fatalf("client %T", c)
			}
			if g != tt.want {
				t.Errorf("options %+v, want %+v", g, tt.want)
			}
			if _, ok := c.(*redis.ClusterClient); ok != tt.clustered {
				t.Errorf("cluster client: %v, want %v", ok, tt.clustered)
			}
		})
	}
}

// TestNewClient_BadURLNamesTheSetting: a URL the mode cannot read is an
// error naming REDIS_URL.
func TestNewClient_BadURLNamesTheSetting(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, mode, url string }{
		{"SentinelWithoutMasterName", ModeSentinel, "redis://127.0.0.1:26379"},
		{"ClusterBadScheme", ModeCluster, "http://127.0.0.1:7000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := newClient(Config{RedisURL: tt.url, Mode: tt.mode}); err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
				t.Errorf("got %v, want an error naming REDIS_URL", err)
			}
		})
	}
}

// TestConfigAdvice_NamesTheSetting: errors that are configuration, not
// outage, are recognised and name the setting; an outage is not.
func TestConfigAdvice_NamesTheSetting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, err, want string
	}{
		{"Moved", "MOVED 3999 127.0.0.1:6381", "CAJA_REDIS_MODE=cluster"},
		{"CrossSlot", "CROSSSLOT Keys in request don't hash to the same slot", "CAJA_REDIS_MODE"},
		{"ReadOnly", "READONLY You can't write against a read only replica.", "REDIS_URL"},
		{"NoScript", "NOSCRIPT No matching script.", "CAJA_REDIS_MODE"},
		{"Sentinel", "ERR unknown command 'hget', with args beginning with: ", "CAJA_REDIS_MODE=sentinel"},
		{"Wrapped", "write read model: MOVED 1 127.0.0.1:7000", "CAJA_REDIS_MODE=cluster"},
		{"Outage", "dial tcp 127.0.0.1:6379: connect: connection refused", ""},
		{"Nil", redis.Nil.Error(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ConfigAdvice(errors.New(tt.err))
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("advice %q, want one naming %q", got, tt.want)
			}
		})
	}
}
