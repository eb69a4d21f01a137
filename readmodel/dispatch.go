package readmodel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cajalive/caja/writemodel"
)

// The outbox is projected session by session: each fetch of outbox rows
// leaves out the sessions being projected now (and those backing off), and
// hands each session's rows to a worker of its own, at most
// sessionWriteParallelism at a time. A session that is slow to render (a
// flooded Q&A) keeps its worker busy while the rows of the other sessions
// are fetched and projected beside it: it never holds them back. Its own
// rows pile up meanwhile and go together in its next piece.

// workers tracks the outbox workers.
type workers struct {
	wg   sync.WaitGroup
	sem  chan struct{}
	done chan struct{} // a worker finished (capacity 1)
	mu   sync.Mutex
	// outage is the last failure that was not a session's own (Redis or
	// Postgres unreachable), fenced whether a newer projector wrote.
	outage error
	fenced bool
}

func newWorkers() *workers {
	return &workers{sem: make(chan struct{}, sessionWriteParallelism), done: make(chan struct{}, 1)}
}

// results takes what the workers reported since the last call.
func (w *workers) results() (outage error, fenced bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	outage, fenced = w.outage, w.fenced
	w.outage, w.fenced = nil, false
	return outage, fenced
}

// sessionRows are one session's rows of a fetch.
type sessionRows struct {
	req     writemodel.SnapshotRequest
	ids     []int64
	version int64
	created []time.Time
}

// dispatch fetches outbox rows of the sessions not being projected and starts
// a worker per session. It returns how many rows it handed out, and whether
// the fetch was full (more may wait). It blocks only while every worker is
// busy.
func (p *Projector) dispatch(ctx context.Context) (int, bool, error) {
	fctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	skip := append(p.backoff.waiting(time.Now(), maxSkipped), p.locks.held()...)
	rows, err := p.store.FetchOutbox(fctx, p.cfg.BatchSize, skip)
	if err != nil || len(rows) == 0 {
		return 0, false, err
	}
	sessions := groupRows(rows)
	n := 0
	for _, s := range sessions {
		if !p.locks.tryLock(s.req.SessionID) {
			continue // a repair took it meanwhile; its rows wait
		}
		n += len(s.ids)
		p.spawn(ctx, s)
	}
	return n, n > 0 && len(rows) == p.cfg.BatchSize, nil
}

// startFull hands whole-session projections (retries, repairs) to workers,
// leaving out sessions being projected now; it returns how many it started.
func (p *Projector) startFull(ctx context.Context, ids []string) int {
	n := 0
	for _, id := range ids {
		if !p.locks.tryLock(id) {
			continue
		}
		p.spawn(ctx, &sessionRows{req: writemodel.SnapshotRequest{SessionID: id, All: true}})
		n++
	}
	return n
}

// spawn runs a worker for a session whose lock the caller took, once a
// worker slot is free.
func (p *Projector) spawn(ctx context.Context, s *sessionRows) {
	p.workers.sem <- struct{}{}
	p.workers.wg.Add(1)
	go func() {
		defer p.workers.wg.Done()
		defer func() { <-p.workers.sem }()
		defer p.locks.unlock(s.req.SessionID)
		p.work(context.WithoutCancel(ctx), s)
		select {
		case p.workers.done <- struct{}{}:
		default:
		}
	}()
}

// work projects one session's rows and marks them done.
func (p *Projector) work(ctx context.Context, s *sessionRows) {
	sid := s.req.SessionID
	absent, version, err := p.projectLocked(ctx, s.req, s.version)
	if err == nil {
		res := &projection{versions: map[string]int64{}, failed: map[string]error{}}
		if absent {
			res.absent = []string{sid}
			p.markAbsent(ctx, []string{sid})
		} else {
			res.versions[sid] = version
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = p.store.CompleteBatch(cctx, s.ids, res.versions, res.absent)
		cancel()
		if err == nil {
			p.noteSessions(res)
			if len(s.ids) > 0 {
				p.metrics.observeBatch(len(s.ids), s.created, time.Now())
			}
			return
		}
		// The write is in Redis but its rows are not done: they are
		// projected again (harmless), after the outage.
		p.reportOutage(err)
		return
	}
	if errors.Is(err, errFenced) {
		p.workers.mu.Lock()
		p.workers.fenced = true
		p.workers.mu.Unlock()
		return
	}
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	pingErr := p.redis.Ping(pctx)
	cancel()
	if pingErr != nil {
		// Redis does not answer: an outage, not this session's fault.
		p.reportOutage(fmt.Errorf("write read model: %w", err))
		return
	}
	p.noteSessions(&projection{failed: map[string]error{sid: err}})
}

func (p *Projector) reportOutage(err error) {
	p.workers.mu.Lock()
	defer p.workers.mu.Unlock()
	p.workers.outage = err
}

// groupRows turns a fetch into one request per session, in the order of
// their first rows.
func groupRows(rows []writemodel.OutboxEntry) []*sessionRows {
	bySession := map[string]*sessionRows{}
	var order []*sessionRows
	// A batch of answers names the same few activities hundreds of times: a
	// set keeps the dedupe linear in the batch. Each list belongs to one
	// session's request, so (list, id) identifies an entry.
	type member struct {
		list *[]string
		id   string
	}
	seen := make(map[member]bool)
	addOnce := func(list *[]string, id *string) {
		if id == nil || seen[member{list, *id}] {
			return
		}
		seen[member{list, *id}] = true
		*list = append(*list, *id)
	}
	for _, r := range rows {
		s := bySession[r.SessionID]
		if s == nil {
			s = &sessionRows{req: writemodel.SnapshotRequest{SessionID: r.SessionID}}
			bySession[r.SessionID] = s
			order = append(order, s)
		}
		s.ids = append(s.ids, r.ID)
		s.created = append(s.created, r.CreatedAt)
		s.version = max(s.version, r.ID)
		req := &s.req
		addOnce(&req.Activities, r.ActivityID)
		addOnce(&req.Participants, r.ParticipantID)
		if r.ParticipantIDs != nil {
			for _, id := range strings.Split(*r.ParticipantIDs, ",") {
				addOnce(&req.Participants, &id)
			}
		}
		addOnce(&req.Questions, r.QuestionID)
		switch r.Topic {
		case writemodel.TopicActivity:
			req.Structural = true
		case writemodel.TopicSession:
			req.SessionChanged = true
		case writemodel.TopicParticipant:
			req.RosterChanged = true
			if r.ParticipantID != nil {
				req.ChangedParticipants = append(req.ChangedParticipants, *r.ParticipantID)
			}
		}
	}
	return order
}

// maxSkipped bounds the sessions an outbox fetch leaves out for backing
// off.
const maxSkipped = 500

// drain dispatches outbox rows and waits for the workers until the outbox
// holds nothing more to project now; it counts the rows projected.
func (p *Projector) drain(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		n, _, err := p.dispatch(ctx)
		p.workers.wg.Wait()
		total += n
		if err != nil {
			return total, err
		}
		outage, fenced := p.workers.results()
		if fenced {
			return total, errFenced
		}
		if outage != nil {
			return total, outage
		}
		if n == 0 {
			return total, nil
		}
	}
	return total, nil
}

// markAbsent remembers sessions Postgres does not know, for readers.
func (p *Projector) markAbsent(ctx context.Context, ids []string) {
	pipe := p.redis.Client.Pipeline()
	k := p.redis.Keys
	for _, id := range ids {
		// A session that is not in Postgres (deleted with its account)
		// keeps nothing here: readers start from its hash.
		pipe.Del(ctx, k.Session(id), k.Me(id), k.Roster(id), k.Scores(id), k.ExportLatest(id))
		pipe.Set(ctx, k.Absent(id), "1", absentTTL)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		// Only a hint for readers: the session stays unknown either way.
		p.log.Warn("mark sessions absent", "err", err)
	}
}

func firstError(m map[string]error) error {
	for _, err := range m {
		return err
	}
	return nil
}
