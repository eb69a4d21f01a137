package readmodel

import (
	"math"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/writemodel"
)

// addReactions puts an activity's reactions on its display and organizer
// documents (never the phones': every reaction would change the bytes all
// phones download).
func addReactions(doc *caja.Activity, r *writemodel.Reactions) {
	if r == nil || len(r.Totals) == 0 {
		return
	}
	doc.Reactions = make(map[string]int, len(r.Totals))
	for _, c := range r.Totals {
		if c.Count > 0 {
			doc.Reactions[c.Emoji] = c.Count
		}
	}
	if len(r.Recent) == 0 {
		return
	}
	doc.ReactionsRate = make(map[string]float64, len(r.Recent))
	for _, c := range r.Recent {
		doc.ReactionsRate[c.Emoji] = math.Round(float64(c.Count)/writemodel.ReactionRateWindow*100) / 100
	}
	at := r.RecentUntil
	doc.ReactionsAt = &at
}
