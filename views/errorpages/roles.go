package errorpages

import (
	"context"
	"strings"

	"portal/internal/perm"
	"portal/views/ui"
)

// RoleNames writes roles by their names in the page's language, joined by
// "or": "Global admin or User management admin".
func RoleNames(ctx context.Context, roles []perm.Role) string {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, ui.T(ctx, "role."+string(r)))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + ui.T(ctx, "error.roles_or") + names[len(names)-1]
}
