package commands

import "github.com/cajalive/caja"

// Config holds the business limits commands enforce, read from the
// environment (composed in cmd/caja).
type Config struct {
	// QnAMaxQuestions bounds the questions of one Q&A activity, so that its
	// views, pages and projections stay bounded.
	QnAMaxQuestions int `env:"CAJA_QNA_MAX_QUESTIONS" envDefault:"2000"`
	// QnAMaxPerParticipant bounds what one participant may ask in one Q&A.
	QnAMaxPerParticipant int `env:"CAJA_QNA_MAX_PER_PARTICIPANT" envDefault:"10"`
	// AnswerLanes is how many answer batches this process writes at once
	// (one on SQLite, whatever it says).
	AnswerLanes int `env:"CAJA_ANSWER_LANES" envDefault:"2"`
	// Auth is CAJA_AUTH: open (anonymous organizers may create sessions),
	// accounts (creating a session needs a signed-in account; password
	// sign-up on) or sso (accounts through OpenID Connect only).
	Auth string `env:"CAJA_AUTH" envDefault:"open"`
}

// DefaultConfig is the configuration with every default.
func DefaultConfig() Config {
	return Config{QnAMaxQuestions: 2000, QnAMaxPerParticipant: 10, AnswerLanes: DefaultGroupCommit.Lanes, Auth: caja.AuthOpen}
}
