package main

import (
	"net"
	"os"
	"strings"
)

// machine is what this computer is called on the network: what phones on
// the venue's Wi-Fi can type or scan to reach it.
type machine struct {
	hostname string
	addrs    []net.IP // in the order the interfaces list them
}

// thisMachine reads the host name and the interface addresses. A failure
// leaves that part empty: the server still runs, reachable as localhost.
func thisMachine() machine {
	var m machine
	if h, err := os.Hostname(); err == nil {
		m.hostname = strings.ToLower(h)
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				m.addrs = append(m.addrs, n.IP)
			}
		}
	}
	return m
}

// lanIPv4 is the first address another device on the network can reach:
// IPv4 (what people type), neither loopback nor link-local.
func (m machine) lanIPv4() net.IP {
	for _, ip := range m.addrs {
		if v4 := ip.To4(); v4 != nil && !v4.IsLoopback() && !v4.IsLinkLocalUnicast() && !v4.IsUnspecified() {
			return v4
		}
	}
	return nil
}

// allowedHosts is the default ALLOWED_HOSTS: localhost, every address of
// the machine, and its names, so a phone that opens the laptop's address
// (or its .local name) is served instead of refused.
func (m machine) allowedHosts(extra ...string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	for _, ip := range m.addrs {
		if !ip.IsLinkLocalUnicast() {
			hosts = append(hosts, ip.String())
		}
	}
	if m.hostname != "" && m.hostname != "localhost" {
		hosts = append(hosts, m.hostname)
		if !strings.HasSuffix(m.hostname, ".local") {
			hosts = append(hosts, m.hostname+".local")
		}
	}
	for _, h := range extra {
		if h != "" {
			hosts = append(hosts, strings.ToLower(h))
		}
	}
	return dedupe(hosts)
}

// joinBaseURL is where phones reach a server listening on listenAddr: the
// machine's LAN address when it listens on every interface, the address it
// is bound to otherwise, localhost when nothing else can reach it.
func (m machine) joinBaseURL(listenAddr string) string {
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil || port == "0" {
		port = "8080"
	}
	switch ip := net.ParseIP(host); {
	case host == "" || (ip != nil && ip.IsUnspecified()):
		if lan := m.lanIPv4(); lan != nil {
			host = lan.String()
		} else {
			host = "localhost"
		}
	case ip != nil && ip.IsLoopback():
		host = "localhost"
	case ip != nil && ip.To4() == nil:
		host = "[" + ip.String() + "]"
	}
	if port == "80" {
		return "http://" + host
	}
	return "http://" + host + ":" + port
}

func dedupe(items []string) []string {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
