package writemodel

// Approximate in-memory costs, in bytes, of a snapshot's parts: struct
// headers, map entries and the fixed-size fields, beside their strings.
const (
	rowOverhead   = 96
	entryOverhead = 64
	// participantBytes is one kept participant row: its map key, three
	// UUIDs, the token hash and a nickname of 30 characters with its folded
	// key. A constant rather than a sum over the rows: the estimate is taken
	// at every projection, and a room of 60,000 made the sum 15 % of the
	// server's CPU during an answer burst.
	participantBytes = entryOverhead + rowOverhead + 3*36 + 32 + 2*30
)

// ApproxBytes estimates the memory a kept snapshot holds, so that a cache
// of snapshots can be bounded by bytes rather than by a count of sessions
// (one session of 20,000 participants weighs what thousands of small ones
// do).
func (s *Snapshot) ApproxBytes() int {
	n := rowOverhead + len(s.Session.Name) + len(s.Session.AdminID) + len(s.Session.JoinCode) + len(s.Session.AdminTokenHash) + len(s.Session.ModeratorTokenHash) + len(s.Session.DisplayKey)
	if s.Session.Description != nil {
		n += len(*s.Session.Description)
	}
	for _, a := range s.Activities {
		n += rowOverhead + len(a.ID) + len(a.Title) + len(a.Settings) + len(a.Type)
	}
	for _, opts := range s.Options {
		n += entryOverhead
		for _, o := range opts {
			n += rowOverhead + len(o.ID) + len(o.Label)
		}
	}
	for _, d := range s.Data {
		n += entryOverhead + rowOverhead
		n += len(d.Options) * (entryOverhead + 36)
		for _, w := range d.Words {
			n += entryOverhead + len(w.Text)
		}
		for _, t := range d.Texts {
			n += rowOverhead + len(t.ID) + len(t.Text)
		}
		n += len(d.Values) * 16
		for _, q := range d.Questions {
			n += rowOverhead + len(q.Text) + len(q.ID)*4
		}
		for _, q := range d.PublicQuestions {
			n += rowOverhead + len(q.Text) + len(q.ID)*4
		}
		n += len(d.QuestionCounts) * entryOverhead
	}
	for _, r := range s.Leaderboard {
		n += rowOverhead + len(r.ParticipantID) + len(r.Nickname)
	}
	for _, r := range s.RecentParticipants {
		n += rowOverhead + len(r.ID) + len(r.Nickname)
	}
	return n + len(s.participants)*participantBytes
}
