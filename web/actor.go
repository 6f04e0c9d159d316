package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/activity"
)

// actorOf is the signed-in user as the actor of an activity entry: their ID
// and their email. The log's page names a user from their ID (name and
// email, as they are now); the stored name is what the CSV export and
// any reader of a deleted user's entries see, so it must tell one user
// from another, which an email does and a display name may not (LOG-1).
func actorOf(c echo.Context) activity.Actor {
	u := mustViewer(c).User
	return activity.Actor{UserID: u.ID, Name: u.Email, Via: viaOf(c)}
}

// viaOf names how the request's user acts when not through a page: the API
// token's name (API-5); empty for a page.
func viaOf(c echo.Context) string {
	if caller := apiCallerOf(c); caller != nil {
		return activity.ViaAPI(caller.Token.Name)
	}
	return ""
}
