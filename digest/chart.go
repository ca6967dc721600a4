package digest

import (
	"bytes"
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gapwatch/gapwatch/store"
)

// Chart size in pixels.
const (
	ChartWidth  = 960
	ChartHeight = 480
	chartDPI    = 96
)

// ChartData is what the chart plots: one bar per day and side, stacked by
// category.
type ChartData struct {
	// Days are the week's days (local midnight), Monday first.
	Days []time.Time
	// Sides are the side IDs; bar i is day i/len(Sides), side
	// i%len(Sides).
	Sides []string
	// Labels are the bars' labels ("Mon 22\nmx").
	Labels []string
	// Values[c][i] counts the claims of category Categories[c] in bar i.
	Values [][]float64
	// Language is the labels' language.
	Language string
}

// Count returns the number of claims of category cat published on day
// (0 = Monday) by side.
func (d ChartData) Count(cat string, day int, side string) int {
	for c, name := range Categories {
		if name != cat {
			continue
		}
		for s, id := range d.Sides {
			if id == side {
				return int(d.Values[c][day*len(d.Sides)+s])
			}
		}
	}
	return 0
}

var dayNames = map[string][7]string{
	"en": {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
	"es": {"lun", "mar", "mié", "jue", "vie", "sáb", "dom"},
}

// chartData counts the kept claims per local day of the week starting at
// from, by side and category.
func chartData(claims []store.Claim, kept []bool, sides []string, from time.Time, loc *time.Location, lang string) ChartData {
	d := ChartData{Sides: sides, Language: lang}
	for i := range 7 {
		day := time.Date(from.Year(), from.Month(), from.Day()+i, 0, 0, 0, 0, loc)
		d.Days = append(d.Days, day)
		for _, s := range sides {
			d.Labels = append(d.Labels, fmt.Sprintf("%s %d\n%s", dayNames[lang][i], day.Day(), s))
		}
	}
	d.Values = make([][]float64, len(Categories))
	for c := range d.Values {
		d.Values[c] = make([]float64, 7*len(sides))
	}
	for i := range claims {
		if !kept[i] {
			continue
		}
		c := &claims[i]
		day := dayIndex(d.Days, c.Item.Published.In(loc))
		side := -1
		for i, s := range sides {
			if s == c.Item.Side {
				side = i
			}
		}
		if day < 0 || side < 0 {
			continue
		}
		cat := Category(*c)
		for ci, name := range Categories {
			if name == cat {
				d.Values[ci][day*len(sides)+side]++
			}
		}
	}
	return d
}

// dayIndex returns the index of the day t falls in, -1 if none.
func dayIndex(days []time.Time, t time.Time) int {
	for i := len(days) - 1; i >= 0; i-- {
		if !t.Before(days[i]) {
			if i == len(days)-1 && !t.Before(days[i].AddDate(0, 0, 1)) {
				return -1
			}
			return i
		}
	}
	return -1
}

// categoryColors are the stacks' colours: confirmed green, partial amber,
// unconfirmed red, open grey, dismissed light grey.
var categoryColors = map[string]color.RGBA{
	Confirmed:   {R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	Partial:     {R: 0xf9, G: 0xa8, B: 0x25, A: 0xff},
	Unconfirmed: {R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
	Open:        {R: 0x78, G: 0x90, B: 0x9c, A: 0xff},
	Dismissed:   {R: 0xcf, G: 0xd8, B: 0xdc, A: 0xff},
}

// plot builds the chart: stacked bars with a legend of the categories.
func (d ChartData) plot(title string) (*plot.Plot, error) {
	w := words(d.Language)
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = w.chartY
	p.Y.Min = 0
	p.Legend.Top = true
	p.Legend.Left = false
	bars := len(d.Labels)
	if bars == 0 {
		return nil, fmt.Errorf("chart: no bars")
	}
	width := vg.Length(float64(ChartWidth)*0.8/float64(bars)) * vg.Inch / chartDPI
	var below *plotter.BarChart
	max := 0.0
	totals := make([]float64, bars)
	for ci, cat := range Categories {
		bc, err := plotter.NewBarChart(plotter.Values(d.Values[ci]), width)
		if err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
		bc.Color = categoryColors[cat]
		bc.LineStyle.Width = 0
		if below != nil {
			bc.StackOn(below)
		}
		below = bc
		p.Add(bc)
		p.Legend.Add(w.category(cat, 2), bc)
		for i, v := range d.Values[ci] {
			totals[i] += v
			if totals[i] > max {
				max = totals[i]
			}
		}
	}
	// Room above the highest bar for the legend.
	p.Y.Max = max*1.35 + 1
	p.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
		step := 1.0
		for max/step > 8 {
			step *= 2
		}
		var ts []plot.Tick
		for v := 0.0; v <= max; v += step {
			ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f", v)})
		}
		return ts
	})
	p.NominalX(d.Labels...)
	return p, nil
}

// PNG draws the chart, ChartWidth × ChartHeight pixels, with title on top.
func (d ChartData) PNG(title string) ([]byte, error) {
	p, err := d.plot(title)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(ChartWidth)*vg.Inch/chartDPI, vg.Length(ChartHeight)*vg.Inch/chartDPI),
		vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// CategoryColor is the colour of a category's stacks.
func CategoryColor(cat string) color.RGBA { return categoryColors[cat] }

// SVG draws the chart as an SVG document of the same size, for web pages.
func (d ChartData) SVG(title string) ([]byte, error) {
	p, err := d.plot(title)
	if err != nil {
		return nil, err
	}
	c := vgsvg.New(vg.Length(ChartWidth)*vg.Inch/chartDPI, vg.Length(ChartHeight)*vg.Inch/chartDPI)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode svg: %w", err)
	}
	return buf.Bytes(), nil
}
