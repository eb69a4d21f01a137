package caja

import "slices"

// Code is a problem's stable machine code: the web app translates it, so a
// message can be reworded without breaking a translation, and clients can
// branch on it without parsing English. The OpenAPI document lists every
// code (a test checks it against Codes).
type Code string

// Codes of specific problems.
const (
	CodeValidationFailed Code = "validation_failed"
	CodeBadRequest       Code = "bad_request"
	CodeBodyTooLarge     Code = "body_too_large"
	CodeMethodNotAllowed Code = "method_not_allowed"
	CodeNotFound         Code = "not_found"
	CodeConflict         Code = "conflict"
	CodeUnauthorized     Code = "unauthorized"
	CodeForbidden        Code = "forbidden"
	CodeUnavailable      Code = "unavailable"
	CodeRateLimited      Code = "rate_limited"
	CodeTooLarge         Code = "too_large"
	CodeInternal         Code = "internal"

	CodeSessionNotFound     Code = "session_not_found"
	CodeActivityNotFound    Code = "activity_not_found"
	CodeParticipantNotFound Code = "participant_not_found"
	CodeQuestionNotFound    Code = "question_not_found"
	CodeEntryNotFound       Code = "entry_not_found"
	CodeJoinCodeNotFound    Code = "join_code_not_found"

	CodeAdminTokenRequired       Code = "admin_token_required"
	CodeAdminTokenWrong          Code = "admin_token_wrong"
	CodeModeratorTokenRequired   Code = "moderator_token_required"
	CodeModeratorTokenWrong      Code = "moderator_token_wrong"
	CodeDisplayKeyRequired       Code = "display_key_required"
	CodeParticipantTokenMissing  Code = "participant_token_missing"
	CodeParticipantTokenInvalid  Code = "participant_token_invalid"
	CodeParticipantOfAnotherSess Code = "participant_of_another_session"

	CodeNicknameTaken      Code = "nickname_taken"
	CodeSessionEnded       Code = "session_ended"
	CodeSessionBusy        Code = "session_busy"
	CodeStatusBackwards    Code = "status_backwards"
	CodeActivityClosed     Code = "activity_closed"
	CodeTimeIsUp           Code = "time_is_up"
	CodeAlreadyAnswered    Code = "already_answered"
	CodeEntriesLimit       Code = "entries_limit"
	CodeNotAnswerable      Code = "not_answerable"
	CodeQnAClosed          Code = "qna_closed"
	CodeQnAFull            Code = "qna_full"
	CodeQuestionLimit      Code = "question_limit"
	CodeNotAQnA            Code = "not_a_qna"
	CodeOwnQuestion        Code = "own_question"
	CodeReactionsOff       Code = "reactions_off"
	CodeNothingOnScreen    Code = "nothing_on_screen"
	CodeResultsHidden      Code = "results_hidden"
	CodeOptionsLocked      Code = "options_locked"
	CodeStatusTransition   Code = "status_transition"
	CodeNoCountdown        Code = "no_countdown"
	CodeQuizRevealed       Code = "quiz_revealed"
	CodeOnlyDraftDeletable Code = "only_draft_deletable"
	CodeNotModeratable     Code = "not_moderatable"
	CodeJoinCodeExhausted  Code = "join_code_exhausted"
	CodeDatabaseBusy       Code = "database_busy"
	CodeLiveStateRebuilt   Code = "live_state_rebuilding"
	CodeExportTooLarge     Code = "export_too_large"

	CodeInvalidCredentials Code = "invalid_credentials"
	CodeEmailTaken         Code = "email_taken"
	CodeSignInRequired     Code = "sign_in_required"
	CodeSignUpClosed       Code = "sign_up_closed"
	CodeCrossSiteRequest   Code = "cross_site_request"
	CodeRoleInsufficient   Code = "role_insufficient"
	CodeSessionOwned       Code = "session_owned"
	CodeInvitationNotFound Code = "invitation_not_found"
	CodeSSOUnavailable     Code = "sso_unavailable"
	CodeSSOFailed          Code = "sso_failed"
	CodeTooManyInvitations Code = "too_many_invitations"
	CodeTeamFull           Code = "team_full"
)

// Codes lists every code, sorted (the OpenAPI enum).
func Codes() []Code {
	all := []Code{
		CodeValidationFailed, CodeBadRequest, CodeBodyTooLarge, CodeMethodNotAllowed, CodeNotFound, CodeConflict,
		CodeUnauthorized, CodeForbidden, CodeUnavailable, CodeRateLimited, CodeTooLarge, CodeInternal,
		CodeSessionNotFound, CodeActivityNotFound, CodeParticipantNotFound, CodeQuestionNotFound, CodeEntryNotFound, CodeJoinCodeNotFound,
		CodeAdminTokenRequired, CodeAdminTokenWrong, CodeModeratorTokenRequired, CodeModeratorTokenWrong, CodeDisplayKeyRequired,
		CodeParticipantTokenMissing, CodeParticipantTokenInvalid, CodeParticipantOfAnotherSess,
		CodeNicknameTaken, CodeSessionEnded, CodeSessionBusy, CodeStatusBackwards, CodeActivityClosed, CodeTimeIsUp,
		CodeAlreadyAnswered, CodeEntriesLimit, CodeNotAnswerable, CodeQnAClosed, CodeQnAFull, CodeQuestionLimit, CodeNotAQnA,
		CodeOwnQuestion, CodeReactionsOff, CodeNothingOnScreen, CodeResultsHidden, CodeOptionsLocked, CodeStatusTransition,
		CodeNoCountdown, CodeQuizRevealed, CodeOnlyDraftDeletable, CodeNotModeratable, CodeJoinCodeExhausted, CodeDatabaseBusy,
		CodeLiveStateRebuilt, CodeExportTooLarge,
		CodeInvalidCredentials, CodeEmailTaken, CodeSignInRequired, CodeSignUpClosed, CodeCrossSiteRequest,
		CodeRoleInsufficient, CodeSessionOwned, CodeInvitationNotFound, CodeSSOUnavailable, CodeSSOFailed,
		CodeTooManyInvitations, CodeTeamFull,
	}
	slices.Sort(all)
	return all
}

// WithCode gives the error its specific code.
func (e *Error) WithCode(c Code) *Error {
	e.Code = c
	return e
}

// KindCode is the code of a problem of this kind that has no specific one.
func KindCode(k Kind) Code {
	switch k {
	case Invalid:
		return CodeValidationFailed
	case NotFound:
		return CodeNotFound
	case Conflict:
		return CodeConflict
	case Unauthorized:
		return CodeUnauthorized
	case Forbidden:
		return CodeForbidden
	case Unavailable:
		return CodeUnavailable
	case TooManyRequests:
		return CodeRateLimited
	case TooLarge:
		return CodeTooLarge
	default:
		return CodeInternal
	}
}

// CodeOf is the code of err: its own, else its kind's.
func CodeOf(err error) Code {
	e, ok := AsError(err)
	if !ok {
		return CodeInternal
	}
	if e.Code != "" {
		return e.Code
	}
	return KindCode(e.Kind)
}
