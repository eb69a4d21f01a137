package readmodel

import (
	"fmt"
	"time"
)

// QuestionWrites are question documents for a Q&A's paged list;
// ReplaceAll: they are all of them.
type QuestionWrites struct {
	ReplaceAll bool
	Entries    []QuestionEntry
}

// QuestionEntry is one question of a paged list: its document, its member
// in the ranked sorted sets, and whether the audience sees it.
type QuestionEntry struct {
	ID     string
	Member string
	Public bool
	Status string
	Doc    []byte
}

// QuestionMember is a question's member in the ranked sorted sets: every
// score is 0 and members sort by their bytes (ZRANGEBYLEX), so the member
// spells the order — pinned first, then most upvotes, then oldest, then
// id — in fixed-width digits, and ends with the question's id.
func QuestionMember(pinned bool, upvotes int, createdAt time.Time, id string) string {
	p := 1
	if pinned {
		p = 0
	}
	return fmt.Sprintf("%d%010d%019d%s", p, maxMemberUpvotes-min(max(upvotes, 0), maxMemberUpvotes), max(createdAt.UnixNano(), 0), id)
}

// maxMemberUpvotes is the most upvotes a member spells (ten digits).
const maxMemberUpvotes = 9_999_999_999

// questionMemberPrefix is how many bytes of a member come before the id.
const questionMemberPrefix = 30
