package httpapi

import (
	"bufio"
	"encoding/csv"
	"io"
	"iter"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/queries"
)

// Export formats, by file extension.
const (
	exportCSV  = "csv"
	exportJSON = "json"
	exportXLSX = "xlsx"
)

const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (a *API) export(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		sid, ok := pathUUID(c, "id")
		if !ok {
			return
		}
		caller, ok := a.organizer(c)
		if !ok {
			return
		}
		res, err := a.qry.Export.Handle(c.Request.Context(), queries.Export{SessionID: sid, AdminToken: caller.Token, AccountID: readerOf(caller)})
		if err != nil {
			fail(c, err)
			return
		}
		c.Writer.Header()["Cache-Control"] = privateNoStore
		disposition := contentDisposition(res.SessionName, sid, format, time.Now())
		if format == exportJSON {
			// The projector rendered exactly this document.
			c.Header("Content-Disposition", disposition)
			c.Data(http.StatusOK, "application/json; charset=utf-8", res.JSON)
			return
		}
		doc, err := res.Document()
		if err != nil {
			fail(c, err)
			return
		}
		if format == exportXLSX {
			b, err := exportWorkbook(doc)
			if err != nil {
				fail(c, err)
				return
			}
			c.Header("Content-Disposition", disposition)
			c.Data(http.StatusOK, xlsxContentType, b)
			return
		}
		c.Header("Content-Disposition", disposition)
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Status(http.StatusOK)
		if err := writeExportCSV(c.Writer, doc); err != nil {
			logger(c).Warn("export: writing the CSV stopped", "err", err)
		}
	}
}

// exportTable is one part of an export: its title, header and rows of plain
// values (string, int, float64, bool, time.Time, or nil for an empty cell),
// shared by the CSV and the workbook.
type exportTable struct {
	Title  string
	Header []string
	Rows   iter.Seq[[]any]
}

func exportTables(doc *caja.ExportDocument) []exportTable {
	return []exportTable{
		{Title: "Answers", Header: []string{"activity", "type", "nickname", "answer", "correct", "score", "answered_at", "hidden", "held"}, Rows: func(yield func([]any) bool) {
			for _, r := range doc.Answers {
				var answer any = r.Answer
				if n, err := strconv.Atoi(r.Answer); err == nil && r.Type == "rating" {
					answer = n
				}
				if !yield([]any{r.Activity, r.Type, r.Nickname, answer, boolOrNil(r.Correct), intOrNil(r.Score), r.AnsweredAt, boolOrNil(r.Hidden), boolOrNil(r.Held)}) {
					return
				}
			}
		}},
		{Title: "Q&A", Header: []string{"activity", "question", "nickname", "upvotes", "status", "pinned", "asked_at"}, Rows: func(yield func([]any) bool) {
			for _, q := range doc.Questions {
				if !yield([]any{q.Activity, q.Question, q.Nickname, q.Upvotes, q.Status, q.Pinned, q.AskedAt}) {
					return
				}
			}
		}},
		{Title: "Summary", Header: []string{"activity", "type", "status", "responses", "average", "option", "correct", "word", "count"}, Rows: func(yield func([]any) bool) {
			for _, s := range doc.Summary {
				var average any
				if s.Average != nil {
					average = *s.Average
				}
				line := []any{s.Activity, s.Type, s.Status, s.Responses, average}
				switch {
				case len(s.Options) > 0:
					for _, o := range s.Options {
						if o.Average != nil { // a statement of scales
							line[4] = *o.Average
						}
						if !yield(append(line[:5:5], o.Label, boolOrNil(o.Correct), nil, o.Count)) {
							return
						}
					}
				case len(s.Words) > 0:
					for _, w := range s.Words {
						if !yield(append(line[:5:5], nil, nil, w.Word, w.Count)) {
							return
						}
					}
				default:
					if !yield(append(line, nil, nil, nil, nil)) {
						return
					}
				}
			}
		}},
		{Title: "Reactions", Header: []string{"activity", "emoji", "count"}, Rows: func(yield func([]any) bool) {
			for _, s := range doc.Summary {
				for _, emoji := range slices.Sorted(maps.Keys(s.Reactions)) {
					if !yield([]any{s.Activity, emoji, s.Reactions[emoji]}) {
						return
					}
				}
			}
		}},
	}
}

func boolOrNil(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func intOrNil(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// writeExportCSV writes UTF-8 with a byte-order mark, so Excel reads accents
// right: each part is a row naming it, its header and its rows, and a blank
// line before the next part. Text that a spreadsheet would run as a formula
// gets a leading apostrophe (csvCell).
func writeExportCSV(w io.Writer, doc *caja.ExportDocument) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	for i, t := range exportTables(doc) {
		if i > 0 {
			cw.Flush()
			if err := bw.WriteByte('\n'); err != nil {
				return err
			}
		}
		_ = cw.Write([]string{t.Title})
		_ = cw.Write(t.Header)
		record := make([]string, len(t.Header))
		for row := range t.Rows {
			for k, v := range row {
				record[k] = csvValue(v)
			}
			if err := cw.Write(record); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvValue(v any) string {
	switch v := v.(type) {
	case string:
		return csvCell(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339)
	default:
		return ""
	}
}
