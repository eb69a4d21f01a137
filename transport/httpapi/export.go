package httpapi

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cajalive/caja"
	"github.com/cajalive/caja/queries"
)

func (a *API) export(asCSV bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		sid, ok := pathUUID(c, "id")
		if !ok {
			return
		}
		token, ok := adminToken(c)
		if !ok {
			return
		}
		rows, err := a.qry.Export.Handle(c.Request.Context(), queries.Export{SessionID: sid, AdminToken: token})
		if err != nil {
			fail(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		name := "caja-" + sid[:8]
		if !asCSV {
			c.Header("Content-Disposition", `attachment; filename="`+name+`.json"`)
			if rows == nil {
				rows = []caja.ExportRow{}
			}
			c.JSON(http.StatusOK, gin.H{"answers": rows})
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", exportCSV(rows))
	}
}

// exportCSV writes UTF-8 with a byte-order mark, so Excel reads accents
// right. Cells that a spreadsheet would run as a formula are quoted with a
// leading apostrophe.
func exportCSV(rows []caja.ExportRow) []byte {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"activity", "type", "nickname", "answer", "correct", "score", "answered_at"})
	for _, r := range rows {
		correct, score := "", ""
		if r.Correct != nil {
			correct = strconv.FormatBool(*r.Correct)
		}
		if r.Score != nil {
			score = strconv.Itoa(*r.Score)
		}
		_ = w.Write([]string{cell(r.Activity), r.Type, cell(r.Nickname), cell(r.Answer), correct, score, r.AnsweredAt.Format(time.RFC3339)})
	}
	w.Flush()
	return buf.Bytes()
}

func cell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}
