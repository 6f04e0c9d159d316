package db

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Insert writes row, a model GORM knows, as one INSERT of every column, as
// GORM's Create writes it, in g's transaction when g is one. The statement
// is made once per model and engine from the model's GORM schema, so a
// column added to the model is written without a list to keep beside it.
//
// Create builds its statement anew for each row through its callbacks, by
// reflection: two fifths of a checkout's Go work in SQLite's writer turn,
// where every write of the portal waits (PERF-7). Insert runs its
// statement through GORM's Exec, whose callbacks, like Create's, take the
// writer's turn and make the request forget its snapshot.
//
// Insert refuses a model Create would write otherwise: one with create or
// save hooks, a serialized field, an auto-increment key, or a default
// other than its field's zero value (Create leaves a zero field with a
// default out, so the database writes the default). A zero automatic
// timestamp (CreatedAt) is set from g's clock, as Create sets it.
func Insert[T any](g *gorm.DB, row *T) error {
	ins, err := inserterOf(g, row)
	if err != nil {
		return err
	}
	ctx := g.Statement.Context
	rv := reflect.ValueOf(row).Elem()
	values := make([]any, len(ins.fields))
	for i, f := range ins.fields {
		v, zero := f.ValueOf(ctx, rv)
		if zero && (f.AutoCreateTime > 0 || f.AutoUpdateTime > 0) {
			if err := f.Set(ctx, rv, g.NowFunc()); err != nil {
				return fmt.Errorf("db: insert %s: %w", f.Name, err)
			}
			v, _ = f.ValueOf(ctx, rv)
		}
		values[i] = v
	}
	return g.Exec(ins.sql, values...).Error
}

// inserter is a model's INSERT statement on one engine and the fields its
// values come from, in order.
type inserter struct {
	sql    string
	fields []*schema.Field
}

type inserterKey struct {
	model  reflect.Type
	engine string
}

var inserters sync.Map // inserterKey → *inserter

func inserterOf(g *gorm.DB, row any) (*inserter, error) {
	key := inserterKey{reflect.TypeOf(row), g.Dialector.Name()}
	if ins, ok := inserters.Load(key); ok {
		return ins.(*inserter), nil
	}
	stmt := &gorm.Statement{DB: g}
	if err := stmt.Parse(row); err != nil {
		return nil, fmt.Errorf("db: insert %T: %w", row, err)
	}
	s := stmt.Schema
	if s.BeforeCreate || s.AfterCreate || s.BeforeSave || s.AfterSave {
		return nil, fmt.Errorf("db: insert %s: the model has create hooks; use Create", s.Name)
	}
	ins := &inserter{}
	var cols, marks []string
	for _, name := range s.DBNames {
		f := s.FieldsByDBName[name]
		if !f.Creatable {
			continue
		}
		switch {
		case f.Serializer != nil:
			return nil, fmt.Errorf("db: insert %s.%s: a serialized field; use Create", s.Name, f.Name)
		case f.AutoIncrement:
			return nil, fmt.Errorf("db: insert %s.%s: an auto-increment key; use Create", s.Name, f.Name)
		case f.HasDefaultValue && !zeroDefault(f):
			return nil, fmt.Errorf("db: insert %s.%s: default %q is not the field's zero value; use Create", s.Name, f.Name, f.DefaultValue)
		case f.AutoCreateTime > 0 || f.AutoUpdateTime > 0:
			if f.FieldType != reflect.TypeOf(time.Time{}) {
				return nil, fmt.Errorf("db: insert %s.%s: an automatic time that is not a time.Time; use Create", s.Name, f.Name)
			}
		}
		cols = append(cols, stmt.Quote(name))
		marks = append(marks, "?")
		ins.fields = append(ins.fields, f)
	}
	ins.sql = "INSERT INTO " + stmt.Quote(s.Table) + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
	got, _ := inserters.LoadOrStore(key, ins)
	return got.(*inserter), nil
}

// zeroDefault reports whether f's default is its zero value (an empty
// text, false, 0), which writing the zero value writes too.
func zeroDefault(f *schema.Field) bool {
	if f.DefaultValueInterface == nil {
		return false // a database expression, or none GORM could read
	}
	return reflect.DeepEqual(f.DefaultValueInterface, reflect.Zero(reflect.TypeOf(f.DefaultValueInterface)).Interface())
}
