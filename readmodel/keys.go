// Package readmodel owns the Redis read model: the key layout, the projector
// that renders Postgres rows into Redis hashes, and the reader that queries
// use. Redis is never the source of truth: everything here can be rebuilt.
package readmodel

import "github.com/cajalive/caja"

// Hash fields of caja:{<id>}:session. The plain fields are for people with
// redis-cli; the *_json fields are what the API serves byte for byte.
const (
	FieldName              = "name"
	FieldStatus            = "status"
	FieldJoinCode          = "join_code"
	FieldJoinURL           = "join_url"
	FieldCurrentActivityID = "current_activity_id"
	FieldParticipantCount  = "participant_count"
	FieldETag              = "etag"
	FieldUpdatedAt         = "updated_at"
	FieldProjectedAt       = "projected_at"
	FieldSessionJSON       = "session_json"
	FieldParticipantJSON   = "participant_json"
	FieldDisplayJSON       = "display_json"
	FieldDisplayETag       = "display_etag"
	FieldAdminJSON         = "admin_json"
	FieldAdminETag         = "admin_etag"
	FieldAdminTokenHash    = "admin_token_hash"
	FieldDisplayKeyHash    = "display_key_hash"
	// FieldModeratorTokenHash is the moderator token's hash ("": none).
	FieldModeratorTokenHash = "moderator_token_hash"
	FieldActivitiesJSON     = "activities_json"
	FieldLeaderboardJSON    = "leaderboard_json"
	// The gzip-compressed copies of the three views, byte for byte what a
	// client accepting gzip receives.
	FieldParticipantGzip = "participant_json_gz"
	FieldDisplayGzip     = "display_json_gz"
	FieldAdminGzip       = "admin_json_gz"
)

// Keys builds key names under a prefix ("caja:" in production; tests use a
// prefix of their own so they can share one Redis).
//
// Every key of one session carries the session id as its hash tag
// (caja:{<id>}:...): on a Redis Cluster they live in one slot, so a
// session's MULTI/EXEC and scripts stay on one shard while sessions spread
// over the shards. Keys that are not per session (meta, join codes,
// participant tokens, rate limits) are only used by single-key commands.
type Keys struct{ Prefix string }

// tagged is the prefix of every key of one session.
func (k Keys) tagged(sessionID string) string { return k.Prefix + "{" + sessionID + "}:" }

// Session is the hash holding a session's fields and views.
func (k Keys) Session(id string) string { return k.tagged(id) + "session" }

// Activity is the hash of one activity: its organizer document, results
// and questions.
func (k Keys) Activity(sessionID, activityID string) string {
	return k.tagged(sessionID) + "activity:" + activityID
}

// Questions is the hash of a Q&A's question documents (question id ->
// JSON) and their ranked members ("m:" + question id -> member).
func (k Keys) Questions(sessionID, activityID string) string {
	return k.Activity(sessionID, activityID) + ":questions"
}

// QuestionRank is a sorted set that orders a Q&A's questions for the
// paged list: RankAll (every question, the organizer's), RankPublic (the
// approved and answered ones) or one question status.
func (k Keys) QuestionRank(sessionID, activityID, set string) string {
	if set == RankAll {
		return k.Activity(sessionID, activityID) + ":qrank"
	}
	return k.Activity(sessionID, activityID) + ":qrank:" + set
}

// Ranked sets of a Q&A besides one per question status.
const (
	RankAll    = "all"
	RankPublic = "public"
)

// questionRanks are the ranked sets of a Q&A, in the order
// writeQuestionsScript takes them after the documents hash.
var questionRanks = []string{RankAll, RankPublic, "pending", "approved", "hidden", "answered"}

// QuestionKeys are every key of a Q&A's paged list.
func (k Keys) QuestionKeys(sessionID, activityID string) []string {
	out := []string{k.Questions(sessionID, activityID)}
	for _, set := range questionRanks {
		out = append(out, k.QuestionRank(sessionID, activityID, set))
	}
	return out
}

// FieldQuestionsIndexed is set ("1") in an activity hash once its paged
// question list was written whole; a Q&A without it is re-projected before
// its list is read (a read model from before the list existed).
const FieldQuestionsIndexed = "questions_indexed"

// Me is the hash of per-participant documents (participant id -> JSON).
func (k Keys) Me(sessionID string) string { return k.tagged(sessionID) + "me" }

// Roster is the hash of the organizer's participant list (participant id ->
// its line as JSON).
func (k Keys) Roster(sessionID string) string { return k.tagged(sessionID) + "roster" }

// Scores is the sorted set of quiz scores, for ranks.
func (k Keys) Scores(sessionID string) string { return k.tagged(sessionID) + "scores" }

// ParticipantToken maps a participant token's hash to "session participant".
// It is looked up by the token alone, so it is a key of its own slot.
func (k Keys) ParticipantToken(hashHex string) string { return k.Prefix + "ptoken:" + hashHex }

// Export holds a session's export as of one version (its projected_at).
func (k Keys) Export(sessionID, version string) string {
	return k.tagged(sessionID) + "export:" + version
}

// ExportLatest names the version of a session's one export copy, so that a
// newer copy replaces the older one.
func (k Keys) ExportLatest(sessionID string) string { return k.tagged(sessionID) + "export" }

// Join maps a live join code to its session id. The code is its hash tag,
// shared with JoinEnded, so the two are read and written together.
func (k Keys) Join(code string) string { return k.Prefix + "join:{" + code + "}" }

// JoinEnded maps a join code to the session that last held it and has
// ended, for a few days (EndedJoinTTL), so that a phone typing it is told
// the session ended. A live session holding the code (Join) wins.
func (k Keys) JoinEnded(code string) string { return k.Prefix + "joinended:{" + code + "}" }

// Absent marks, for a short while, a session id that Postgres does not know,
// so polls of unknown ids do not make the projector look again and again.
func (k Keys) Absent(id string) string { return k.tagged(id) + "absent" }

// Ready is the key one replica writes and reads back for /readyz.
func (k Keys) Ready(replica string) string { return k.Prefix + "ready:" + replica }

// LegacyKeys are the names a session's keys had before the hash-tagged
// layout (layout 1), so an upgrade can delete them. Activity keys and
// export copies are named by ids the caller passes.
func (k Keys) LegacyKeys(sessionID, joinCode string, activityIDs []string) []string {
	base := k.Prefix + "session:" + sessionID
	out := []string{base, base + ":me", base + ":roster", base + ":scores", k.Prefix + "export:" + sessionID, k.Prefix + "absent:" + sessionID}
	for _, aid := range activityIDs {
		out = append(out, base+":activity:"+aid)
	}
	if joinCode != "" {
		out = append(out, k.Prefix+"join:"+joinCode, k.Prefix+"joinended:"+joinCode)
	}
	return out
}

// Meta is written after a full projection; when it is missing, Redis was
// flushed or replaced and the projector re-projects everything.
func (k Keys) Meta() string { return k.Prefix + "meta" }

// RepairChannel carries ids of sessions whose hash a reader found missing.
func (k Keys) RepairChannel() string { return k.Prefix + "repair" }

// ETagField is the hash field holding a view's ETag.
func ETagField(v caja.View) string {
	switch v {
	case caja.ViewDisplay:
		return FieldDisplayETag
	case caja.ViewAdmin:
		return FieldAdminETag
	default:
		return FieldETag
	}
}

// BodyField is the hash field holding a view's JSON.
func BodyField(v caja.View) string {
	switch v {
	case caja.ViewDisplay:
		return FieldDisplayJSON
	case caja.ViewAdmin:
		return FieldAdminJSON
	default:
		return FieldParticipantJSON
	}
}

// GzipField is the hash field holding a view's gzip-compressed JSON.
func GzipField(v caja.View) string {
	switch v {
	case caja.ViewDisplay:
		return FieldDisplayGzip
	case caja.ViewAdmin:
		return FieldAdminGzip
	default:
		return FieldParticipantGzip
	}
}

// AuthField is the hash field holding the hash of the secret a view needs,
// or "" for the open participant view.
func AuthField(v caja.View) string {
	switch v {
	case caja.ViewDisplay:
		return FieldDisplayKeyHash
	case caja.ViewAdmin:
		return FieldAdminTokenHash
	default:
		return ""
	}
}

// tagFlight and bodyFlight name the shared reads of a view.
func tagFlight(v caja.View, sessionID string) string  { return "tag " + string(v) + " " + sessionID }
func bodyFlight(v caja.View, sessionID string) string { return "body " + string(v) + " " + sessionID }
