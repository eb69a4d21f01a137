package httpapi

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"
)

const viewerKey = "caja.viewer"

// trustedProxies are the peers whose word on the viewer's address is
// believed (TRUSTED_PROXIES).
type trustedProxies []netip.Prefix

func parseTrustedProxies(list []string) (trustedProxies, error) {
	var out trustedProxies
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("TRUSTED_PROXIES: %q is neither an IP address nor a CIDR", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (t trustedProxies) trusts(remoteAddr string) bool {
	if len(t) == 0 {
		return false
	}
	ap, err := netip.ParseAddrPort(remoteAddr)
	if err != nil {
		return false
	}
	a := ap.Addr().Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// viewerAddress takes the viewer's address from CloudFront-Viewer-Address
// ("198.51.100.10:46532", "2001:db8::1:46532") when the request comes
// straight from a trusted proxy; X-Forwarded-For is gin's (through the same
// TRUSTED_PROXIES). Anyone else's header is ignored: a phone cannot choose
// the address its rate limit counts against.
func viewerAddress(trusted trustedProxies) gin.HandlerFunc {
	return func(c *gin.Context) {
		if v := c.Request.Header["Cloudfront-Viewer-Address"]; len(v) == 1 && trusted.trusts(c.Request.RemoteAddr) {
			if a, ok := parseViewerAddress(v[0]); ok {
				c.Set(viewerKey, a)
			}
		}
		c.Next()
	}
}

// parseViewerAddress strips the port CloudFront appends to the address.
func parseViewerAddress(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().String(), true
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", false
	}
	a, err := netip.ParseAddr(strings.Trim(s[:i], "[]"))
	if err != nil {
		return "", false
	}
	return a.Unmap().String(), true
}

// clientIP is the address rate limits and logs use: the viewer's address a
// trusted CDN passed, else gin's view (X-Forwarded-For through trusted
// proxies, else the peer).
func clientIP(c *gin.Context) string {
	if v, ok := c.Get(viewerKey); ok {
		return v.(string)
	}
	return c.ClientIP()
}
