package httpapi

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
)

// sessionSlots bounds the write requests of one session that run at once on
// this replica. A flooded session (hundreds of phones upvoting, asking,
// reacting) would otherwise hold every database connection of the pool and
// make every other session's commands wait behind it; past its slots its
// own requests wait (up to the command deadline, then 503 with
// Retry-After) while the rest of the pool serves the others. Answers and
// joins are not counted: they wait for their group commit without holding
// a connection each.
type sessionSlots struct {
	limit int
	mu    sync.Mutex
	// slots holds, per session with requests running, a semaphore and how
	// many requests hold or wait for it (the entry goes with the last).
	slots map[string]*slot
}

type slot struct {
	sem   chan struct{}
	users int
}

func newSessionSlots(limit int) *sessionSlots {
	return &sessionSlots{limit: limit, slots: map[string]*slot{}}
}

// middleware takes one of the session's slots of the given group for the
// request; limit 0 turns it off. The organizer's commands have a group of
// their own: a flood of the audience never queues a reveal behind it.
func (s *sessionSlots) middleware(group string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.Param("id")
		if s.limit <= 0 || id == "" {
			c.Next()
			return
		}
		id += " " + group
		sl := s.enter(id)
		defer s.leave(id)
		select {
		case sl.sem <- struct{}{}:
		case <-c.Request.Context().Done():
			c.Header("Retry-After", "1")
			writeCodedProblem(c, http.StatusServiceUnavailable, caja.CodeSessionBusy, "this session is very busy right now, try again in a moment", nil)
			c.Abort()
			return
		}
		defer func() { <-sl.sem }()
		c.Next()
	}
}

func (s *sessionSlots) enter(id string) *slot {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl := s.slots[id]
	if sl == nil {
		sl = &slot{sem: make(chan struct{}, s.limit)}
		s.slots[id] = sl
	}
	sl.users++
	return sl
}

func (s *sessionSlots) leave(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sl := s.slots[id]; sl != nil {
		if sl.users--; sl.users == 0 {
			delete(s.slots, id)
		}
	}
}
