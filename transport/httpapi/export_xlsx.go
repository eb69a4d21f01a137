package httpapi

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cajalive/caja"
)

// exportWorkbook renders the export as a workbook: one sheet per part, a
// bold header row frozen in place, numbers as numbers and times as dates
// (UTC). Rows go through excelize's StreamWriter, which keeps large sheets
// on disk rather than in memory. Cells are written as values, never as
// formulas, so they need no neutralising.
func exportWorkbook(doc *caja.ExportDocument) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("workbook header style: %w", err)
	}
	dateFormat := "yyyy-mm-dd hh:mm:ss"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return nil, fmt.Errorf("workbook date style: %w", err)
	}
	for i, t := range exportTables(doc) {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Title)
		} else {
			_, err = f.NewSheet(t.Title)
		}
		if err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", t.Title, err)
		}
		if err := writeSheet(f, t, bold, date); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", t.Title, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, t exportTable, bold, date int) error {
	sw, err := f.NewStreamWriter(t.Title)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetColWidth(1, len(t.Header), 18); err != nil {
		return err
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := 1
	for values := range t.Rows {
		row++
		cells := make([]any, len(values))
		for i, v := range values {
			if _, ok := v.(time.Time); ok {
				v = excelize.Cell{StyleID: date, Value: v}
			}
			cells[i] = v
		}
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
