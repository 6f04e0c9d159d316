package demo

import (
	"context"
	"strings"

	"portal/internal/activity"
	"portal/internal/customers"
)

type demoCustomer struct {
	name, domain, country, segment, contact string
	openedDaysAgo                           int
}

// contosoCustomers are Contoso's demo customers: every segment, many
// countries, among them AU and BR (tax-inclusive prices) and GA, an Azure
// reservation unavailable market.
func contosoCustomers() []demoCustomer {
	return []demoCustomer{
		{"Adatum Corporation", "adatum.com", "US", customers.Commercial, "Kim Akers", 900},
		{"Alpine Ski House", "alpineskihouse.com", "US", customers.Commercial, "Ben Miller", 720},
		{"Bellows College", "bellowscollege.edu", "US", customers.Education, "Anne Wallace", 640},
		{"Best For You Organics", "bestforyouorganics.com", "US", customers.Commercial, "Greg Chapman", 410},
		{"City Power & Light", "citypowerlight.gov", "US", customers.Government, "Dan Park", 1200},
		{"Coho Winery", "cohowinery.com", "US", customers.Commercial, "Lisa Taylor", 95},
		{"Consolidated Messenger", "consolidatedmessenger.com", "US", customers.Commercial, "Hao Chen", 330},
		{"Contoso Pharmaceuticals", "contosopharma.com", "US", customers.Commercial, "Ray Ortiz", 800},
		{"Fourth Coffee", "fourthcoffee.com", "US", customers.Commercial, "Maria Garcia", 45},
		{"Graphic Design Institute", "graphicdesigninstitute.edu", "US", customers.Education, "Tom Weber", 520},
		{"Humongous Insurance", "humongousinsurance.com", "US", customers.Commercial, "Sara Davis", 1500},
		{"Lamna Healthcare", "lamnahealthcare.com", "US", customers.Commercial, "Omar Khan", 260},
		{"Litware Inc.", "litwareinc.com", "US", customers.Commercial, "Paul West", 180},
		{"Lucerne Publishing", "lucernepublishing.com", "CH", customers.Commercial, "Nina Keller", 610},
		{"Margie's Travel", "margiestravel.com", "US", customers.Commercial, "Margie Shoop", 12},
		{"Munson's Pickles and Preserves", "munsonspickles.com", "US", customers.Commercial, "Jay Munson", 370},
		{"Nod Publishers", "nodpublishers.com", "GB", customers.Commercial, "Ian Hughes", 440},
		{"Northwind Traders", "northwindtraders.com", "US", customers.Commercial, "Nancy Davolio", 990},
		{"Proseware, Inc.", "proseware.com", "US", customers.Commercial, "Eva Lind", 150},
		{"Relecloud", "relecloud.com", "US", customers.Commercial, "Rob Young", 60},
		{"School of Fine Art", "fineartschool.edu", "US", customers.Education, "Claire Moss", 700},
		{"Southridge Video", "southridgevideo.com", "US", customers.Commercial, "Sam Ridge", 230},
		{"Tailspin Toys", "tailspintoys.com", "US", customers.Commercial, "Tina Spin", 500},
		{"Trey Research", "treyresearch.net", "US", customers.Commercial, "Troy Reid", 20},
		{"VanArsdel, Ltd.", "vanarsdel.com", "US", customers.Commercial, "Victor Van", 860},
		{"Wide World Importers", "wideworldimporters.com", "US", customers.Commercial, "Wendy Wu", 300},
		{"Wingtip Toys", "wingtiptoys.com", "US", customers.Commercial, "Will Tip", 75},
		{"Woodgrove Bank", "woodgrovebank.com", "US", customers.Commercial, "Grace Wood", 1100},
		{"World Wildlife Friends", "worldwildlifefriends.org", "US", customers.Nonprofit, "Felicia Fox", 400},
		{"Helping Hands Foundation", "helpinghands.org", "US", customers.Nonprofit, "Henry Hand", 85},
		{"Fabrique Lumière", "fabriquelumiere.fr", "FR", customers.Commercial, "Camille Martin", 560},
		{"Boulangerie Dupont", "boulangerie-dupont.fr", "FR", customers.Commercial, "Jean Dupont", 33},
		{"Université de Lyon Sud", "univ-lyonsud.fr", "FR", customers.Education, "Claire Bernard", 1000},
		{"Mairie de Rocheval", "rocheval.gouv.fr", "FR", customers.Government, "Luc Moreau", 480},
		{"Les Restos Solidaires", "restos-solidaires.org", "FR", customers.Nonprofit, "Sophie Petit", 210},
		{"Atelier Marchand", "ateliermarchand.fr", "FR", customers.Commercial, "Paul Marchand", 140},
		{"Nordlicht Maschinenbau", "nordlicht-mb.de", "DE", customers.Commercial, "Jonas Becker", 760},
		{"Stadtwerke Grünau", "stadtwerke-gruenau.de", "DE", customers.Government, "Petra Schulz", 1300},
		{"Hochschule Rheinland", "hs-rheinland.de", "DE", customers.Education, "Lena Wagner", 690},
		{"Bäckerei Hoffmann", "baeckerei-hoffmann.de", "DE", customers.Commercial, "Karl Hoffmann", 15},
		{"Kinderhilfe Nord e.V.", "kinderhilfe-nord.de", "DE", customers.Nonprofit, "Miriam Koch", 330},
		{"Harbour Bridge Logistics", "harbourbridge.com.au", "AU", customers.Commercial, "Olivia Smith", 420},
		{"Outback Analytics", "outbackanalytics.com.au", "AU", customers.Commercial, "Jack Wilson", 90},
		{"University of Coral Coast", "coralcoast.edu.au", "AU", customers.Education, "Emily Brown", 880},
		{"Kangaroo Valley Council", "kvcouncil.gov.au", "AU", customers.Government, "Liam Jones", 1020},
		{"Café Paulista", "cafepaulista.com.br", "BR", customers.Commercial, "Ana Souza", 270},
		{"Instituto Amazônia Viva", "amazoniaviva.org.br", "BR", customers.Nonprofit, "Pedro Lima", 640},
		{"Prefeitura de Campo Verde", "campoverde.gov.br", "BR", customers.Government, "Lucas Alves", 940},
		{"Escola Sol Nascente", "solnascente.edu.br", "BR", customers.Education, "Julia Rocha", 55},
		{"Libreville Telecom", "librevilletelecom.ga", "GA", customers.Commercial, "Serge Mba", 380},
		{"Okoumé Timber", "okoumetimber.ga", "GA", customers.Commercial, "Marie Ndong", 160},
		{"Maple Leaf Dental", "mapleleafdental.ca", "CA", customers.Commercial, "Chloe Tremblay", 310},
		{"Northern Lights College", "northernlights.edu.ca", "CA", customers.Education, "Noah Roy", 770},
		{"Tokyo Sakura Design", "sakuradesign.jp", "JP", customers.Commercial, "Yuki Tanaka", 490},
		{"Osaka Robotics", "osakarobotics.jp", "JP", customers.Commercial, "Hiro Sato", 110},
		{"Fjord Energy", "fjordenergy.no", "NO", customers.Commercial, "Ingrid Berg", 530},
		{"Madrid Arquitectos", "madridarq.es", "ES", customers.Commercial, "Lucía García", 250},
		{"Milano Moda", "milanomoda.it", "IT", customers.Commercial, "Giulia Rossi", 660},
		{"Amsterdam Fietsen", "amsterdamfietsen.nl", "NL", customers.Commercial, "Daan de Vries", 200},
		{"Dublin Civic Trust", "dublincivictrust.ie", "IE", customers.Nonprofit, "Aoife Byrne", 820},
		{"Cape Town Vineyards", "capetownvineyards.co.za", "ZA", customers.Commercial, "Thabo Nkosi", 430},
		{"Mumbai Fintech Labs", "mumbaifintech.in", "IN", customers.Commercial, "Priya Shah", 70},
		{"Singapore Port Systems", "sgportsystems.sg", "SG", customers.Commercial, "Wei Ling Tan", 590},
		{"Auckland Marine Institute", "aucklandmarine.ac.nz", "NZ", customers.Education, "Aroha Ngata", 350},
	}
}

func fabrikamCustomers() []demoCustomer {
	return []demoCustomer{
		{"Blue Yonder Airlines", "blueyonderairlines.com", "US", customers.Commercial, "Ava Blue", 500},
		{"Fabrikam Residences", "fabrikamresidences.com", "US", customers.Commercial, "Finn Fab", 200},
		{"First Up Consultants", "firstupconsultants.com", "GB", customers.Commercial, "Oscar First", 120},
		{"Lakeshore School District", "lakeshoreschools.edu", "US", customers.Education, "Lara Shore", 640},
	}
}

func seedCustomers(ctx context.Context, sd seeder) error {
	g, clk := sd.db, sd.clk
	store := &customers.Store{DB: g, Clock: clk, Activity: activity.Recorder{DB: g}}
	now := clk.Now()
	add := func(partnerID string, list []demoCustomer) error {
		for _, d := range list {
			email := strings.ToLower(strings.ReplaceAll(strings.Fields(d.contact)[0], "é", "e")) + "@" + d.domain
			c := customers.Customer{
				ID: ID("customer:" + d.domain), PartnerID: partnerID, Name: d.name, Domain: d.domain,
				TenantID: ID("tenant:" + d.domain), Country: d.country, Segment: d.segment,
				ContactName: d.contact, ContactEmail: email, ContactPhone: "+1 425 555 0" + twoDigit(len(d.domain)),
				OpenedAt: now.AddDate(0, 0, -d.openedDaysAgo), Relationship: relationshipFor(d.openedDaysAgo),
				CreatedAt: now.AddDate(0, 0, -d.openedDaysAgo),
			}
			if err := store.Import(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := add(ContosoID, contosoCustomers()); err != nil {
		return err
	}
	return add(FabrikamID, fabrikamCustomers())
}

// relationshipFor gives most demo customers an active delegated-admin
// relationship and a few a pending one, so both states are visible.
func relationshipFor(openedDaysAgo int) string {
	switch {
	case openedDaysAgo < 40:
		return customers.RelationshipPending
	default:
		return customers.RelationshipActive
	}
}

func twoDigit(n int) string {
	n %= 100
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
