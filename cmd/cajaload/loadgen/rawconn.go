package loadgen

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"
)

// rawConn is one worker's keep-alive HTTP/1.1 connection, written and read
// by hand: a request is one write of bytes built in a reused buffer, an
// answer is a status line, the few headers the scenarios read, and a body
// of Content-Length bytes. net/http's client costs several times that in
// CPU per request (header maps, goroutine hand-offs), and on a machine the
// tool shares with the server every microsecond it spends is one the server
// does not get. Caja answers every API call with a Content-Length, never
// chunked.
type rawConn struct {
	host string
	conn net.Conn
	br   *bufio.Reader
	req  []byte
	body []byte
}

func newRawConn(base string) (*rawConn, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("raw connection: %s: only http", base)
	}
	return &rawConn{host: u.Host}, nil
}

// rawResponse is what Client.Do reads of an answer.
type rawResponse struct {
	status     int
	retryAfter string
	body       []byte // valid until the next request
}

// do sends one request and reads its answer. A keep-alive connection the
// server closed while it sat idle (its idle timeout, a proxy's) fails
// before any answer arrives: the request goes once more over a new
// connection. The server dropped it unread, as it only closes idle
// connections between requests.
func (r *rawConn) do(ctx context.Context, method, path, token string, payload []byte) (rawResponse, error) {
	reused := r.conn != nil
	resp, err := r.roundTrip(ctx, method, path, token, payload)
	if reused && errors.Is(err, errNoAnswer) {
		resp, err = r.roundTrip(ctx, method, path, token, payload)
	}
	return resp, err
}

// errNoAnswer: the connection failed before the first byte of an answer.
var errNoAnswer = errors.New("connection closed before an answer")

func (r *rawConn) roundTrip(ctx context.Context, method, path, token string, payload []byte) (rawResponse, error) {
	if r.conn == nil {
		d := net.Dialer{Timeout: 5 * time.Second}
		c, err := d.DialContext(ctx, "tcp", r.host)
		if err != nil {
			return rawResponse{}, err
		}
		r.conn, r.br = c, bufio.NewReaderSize(c, 16<<10)
	}
	deadline := time.Now().Add(30 * time.Second)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = r.conn.SetDeadline(deadline)
	b := r.req[:0]
	b = append(b, method...)
	b = append(b, ' ')
	b = append(b, path...)
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, r.host...)
	b = append(b, "\r\nUser-Agent: cajaload\r\nAccept: application/json\r\n"...)
	if token != "" {
		b = append(b, "Authorization: Bearer "...)
		b = append(b, token...)
		b = append(b, "\r\n"...)
	}
	if payload != nil {
		b = append(b, "Content-Type: application/json\r\nContent-Length: "...)
		b = strconv.AppendInt(b, int64(len(payload)), 10)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	b = append(b, payload...)
	r.req = b
	if _, err := r.conn.Write(b); err != nil {
		r.close()
		return rawResponse{}, fmt.Errorf("%w: %w", errNoAnswer, err)
	}
	resp, err := r.read()
	if err != nil {
		r.close()
		return rawResponse{}, err
	}
	return resp, nil
}

var errMalformed = errors.New("malformed HTTP response")

// read reads one response; the connection stays open unless the server
// said Connection: close.
func (r *rawConn) read() (rawResponse, error) {
	line, err := r.br.ReadSlice('\n')
	if err != nil && len(line) == 0 && !errors.Is(err, os.ErrDeadlineExceeded) {
		return rawResponse{}, fmt.Errorf("%w: %w", errNoAnswer, err)
	}
	if err != nil {
		return rawResponse{}, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return rawResponse{}, errMalformed
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return rawResponse{}, errMalformed
	}
	var resp rawResponse
	resp.status = status
	length, closing := -1, false
	for {
		line, err := r.br.ReadSlice('\n')
		if err != nil {
			return rawResponse{}, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return rawResponse{}, errMalformed
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 {
				return rawResponse{}, errMalformed
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			return rawResponse{}, fmt.Errorf("raw connection: unexpected Transfer-Encoding %q", value)
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		case bytes.EqualFold(name, []byte("Retry-After")):
			resp.retryAfter = string(value)
		}
	}
	switch {
	case length > 0:
		if cap(r.body) < length {
			r.body = make([]byte, length)
		}
		resp.body = r.body[:length]
		if _, err := io.ReadFull(r.br, resp.body); err != nil {
			return rawResponse{}, err
		}
	case length < 0 && status != 204 && status != 304:
		return rawResponse{}, errors.New("raw connection: response without Content-Length")
	}
	if closing {
		r.close()
	}
	return resp, nil
}

func (r *rawConn) close() {
	if r.conn != nil {
		_ = r.conn.Close()
		r.conn, r.br = nil, nil
	}
}
