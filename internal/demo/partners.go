package demo

import (
	"cmp"
	"context"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm/clause"

	"portal/internal/auth"
	"portal/internal/perm"
)

// Demo partners (RUN-1).
var (
	ContosoID  = ID("partner:contoso")
	FabrikamID = ID("partner:fabrikam")
)

type demoUser struct {
	email, name string
	roles       []perm.Role
}

func contosoUsers() []demoUser {
	return []demoUser{
		{"globaladmin@contoso.example", "Gloria Admin", []perm.Role{perm.GlobalAdmin}},
		{"adminagent@contoso.example", "Adam Agent", []perm.Role{perm.AdminAgent}},
		{"sales@contoso.example", "Sofia Sales", []perm.Role{perm.SalesAgent}},
		{"helpdesk@contoso.example", "Hugo Helpdesk", []perm.Role{perm.HelpdeskAgent}},
		{"billing@contoso.example", "Bianca Billing", []perm.Role{perm.BillingAdmin}},
		{"usermgmt@contoso.example", "Ulrich Users", []perm.Role{perm.UserManagementAdmin}},
		{"accountadmin@contoso.example", "Ada Account", []perm.Role{perm.AccountAdmin}},
		{"referraladmin@contoso.example", "Rafael Referral", []perm.Role{perm.ReferralAdmin}},
		{"marketing@contoso.example", "Maya Marketing", []perm.Role{perm.MarketingContentAdmin}},
	}
}

func seedPartners(ctx context.Context, sd seeder) error {
	g, clk := sd.db, sd.clk
	now := clk.Now()
	partners := []auth.Partner{
		{ID: ContosoID, Name: "Contoso Cloud Partners", CreatedAt: now},
		{ID: FabrikamID, Name: "Fabrikam Reseller", CreatedAt: now},
	}
	if err := g.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&partners).Error; err != nil {
		return err
	}
	var have int64
	if err := g.WithContext(ctx).Model(&auth.User{}).Where("email LIKE ?", "%.example").Count(&have).Error; err != nil {
		return err
	}
	if have >= 10 {
		return nil
	}
	// One hash for the shared demo password keeps seeding fast.
	hash, err := bcrypt.GenerateFromPassword([]byte(Password), cmp.Or(sd.opts.BcryptCost, bcrypt.DefaultCost))
	if err != nil {
		return err
	}
	var users []auth.User
	for _, u := range contosoUsers() {
		users = append(users, auth.User{ID: ID("user:" + u.email), PartnerID: ContosoID, Email: u.email, Name: u.name,
			PasswordHash: string(hash), RoleNames: perm.Roles(u.roles).String(), CreatedAt: now})
	}
	users = append(users, auth.User{ID: ID("user:globaladmin@fabrikam.example"), PartnerID: FabrikamID,
		Email: "globaladmin@fabrikam.example", Name: "Felix Fabrikam", PasswordHash: string(hash),
		RoleNames: string(perm.GlobalAdmin), CreatedAt: now})
	for i := range users {
		users[i].Email = strings.ToLower(users[i].Email)
	}
	return g.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&users).Error
}
