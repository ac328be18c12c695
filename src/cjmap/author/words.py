"""The words ``cjmap init`` writes: the comments above each key and the placeholder texts, in
English and Spanish. Every key exists in both languages (a test checks it), and every field the
skeleton writes has its comment here (a test checks that too, against the models)."""

from cjmap.format.presets import Lang

LANGS: tuple[Lang, ...] = ("en", "es")

# Keyed by "Model.field", the field as the models in format/model.py name it.
COMMENTS: dict[str, dict[Lang, str]] = {
    "Journey.cjmap": {
        "en": "The version of the cjmap format this map is written in.",
        "es": "La versión del formato cjmap en que está escrito el mapa.",
    },
    "Journey.id": {
        "en": "The map's id; without it, the file name made into a slug.",
        "es": "El id del mapa; si falta, el nombre del archivo convertido en slug.",
    },
    "Journey.title": {
        "en": "What the journey is, in a few words.",
        "es": "Qué viaje es, en pocas palabras.",
    },
    "Journey.description": {
        "en": "What the map covers and what it leaves out.",
        "es": "Qué cubre el mapa y qué deja fuera.",
    },
    "Journey.lang": {
        "en": "The language of the map's text (en or es): stage names and rendered labels "
              "follow it.",
        "es": "El idioma del texto del mapa (en o es): los nombres de las etapas y las "
              "etiquetas de lo que se dibuja lo siguen.",
    },
    "Journey.owner": {
        "en": "The team or person who answers for this map.",
        "es": "El equipo o la persona que responde de este mapa.",
    },
    "Journey.state": {
        "en": "current: the journey as it is today; future: the journey as it should be.",
        "es": "current: el viaje tal como es hoy; future: el viaje tal como debería ser.",
    },
    "Journey.tags": {
        "en": "Words to find and group maps by.",
        "es": "Palabras para encontrar y agrupar los mapas.",
    },
    "Journey.persona": {
        "en": "Whose journey this is: a persona built from research, not assumptions.",
        "es": "De quién es este viaje: un buyer persona construido con datos de investigación, "
              "no con suposiciones.",
    },
    "Journey.participants": {
        "en": "Others who take part without being the persona: who approves, pays or advises; "
              "steps name them by their id.",
        "es": "Otros participantes que no son el buyer persona: quien aprueba, paga o "
              "aconseja; los pasos los nombran por su id.",
    },
    "Journey.objectives": {
        "en": "What the map should help find out or improve.",
        "es": "Qué debe ayudar a descubrir o a mejorar el mapa.",
    },
    "Journey.timeframe": {
        "en": "How long the whole journey takes: hours, days, weeks, months or years.",
        "es": "Cuánto dura el viaje entero: horas, días, semanas, meses o años.",
    },
    "Journey.channels": {
        "en": "The channels this organisation uses; every touchpoint's channel must be one "
              "of them.",
        "es": "Los canales que usa la organización; el canal de cada punto de contacto debe "
              "ser uno de ellos.",
    },
    "Journey.review": {
        "en": "A map is a living document: when it was last reviewed, how often and by whom.",
        "es": "Un mapa es un documento vivo: cuándo se revisó por última vez, cada cuánto y "
              "quién lo revisa.",
    },
    "Journey.stages": {
        "en": "The stage model ('cjmap stages' lists them all), or your own list of stages.",
        "es": "El modelo de etapas ('cjmap stages' los muestra todos), o una lista de etapas "
              "propia.",
    },
    "Journey.start": {
        "en": "The start point: the moment the need arises.",
        "es": "El punto de partida: el momento en que surge la necesidad.",
    },
    "Journey.end": {
        "en": "The end point: the moment the customer is done.",
        "es": "El punto final: el momento en que el cliente ha terminado.",
    },
    "Journey.steps": {
        "en": "The steps between the start and the end point, in chronological order; each "
              "belongs to a stage (by default, the stage of the step before).",
        "es": "Los pasos entre el punto de partida y el final, en orden cronológico; cada uno "
              "pertenece a una etapa (por defecto, la del paso anterior).",
    },
    "Persona.id": {
        "en": "The persona's id, for steps to name; without it, the name made into a slug.",
        "es": "El id del buyer persona, para nombrarlo en los pasos; si falta, el nombre "
              "convertido en slug.",
    },
    "Persona.name": {"en": "A name people remember.", "es": "Un nombre fácil de recordar."},
    "Persona.description": {
        "en": "Who they are: age, situation, what they care about.",
        "es": "Quién es: edad, situación, qué le importa.",
    },
    "Persona.segment": {
        "en": "The audience segment the persona stands for.",
        "es": "El segmento de público que representa.",
    },
    "Persona.participation": {
        "en": "buyer, influencer or user: the persona's part in the purchase.",
        "es": "buyer (compra), influencer (influye) o user (usa): su papel en la compra.",
    },
    "Persona.goals": {"en": "What the persona wants to achieve.", "es": "Qué quiere conseguir."},
    "Persona.needs": {"en": "What the persona needs.", "es": "Qué necesita."},
    "Participant.id": {
        "en": "The participant's id, for steps to name; unique among personas and "
              "participants.",
        "es": "El id del participante, para nombrarlo en los pasos; único entre buyer personas "
              "y participantes.",
    },
    "Participant.name": {"en": "Who they are.", "es": "Quién es."},
    "Participant.role": {
        "en": "buyer, influencer, user, approver, payer, decider, partner or other: their part "
              "in the purchase.",
        "es": "buyer (compra), influencer (influye), user (usa), approver (aprueba), payer "
              "(paga), decider (decide), partner (socio) u other (otro): su papel en la compra.",
    },
    "Participant.description": {"en": "More detail, if it helps.", "es": "Más detalle, si ayuda."},
    "Channel.name": {
        "en": "A channel's name; a bare name is enough (as the others below).",
        "es": "El nombre del canal; basta con el nombre (como los de abajo).",
    },
    "Channel.description": {"en": "What the channel is.", "es": "Qué es el canal."},
    "Channel.online": {
        "en": "true for an online channel (web, app, email), false for an offline one (shop, "
              "phone); its touchpoints inherit it.",
        "es": "true si el canal es online (web, app, correo), false si no lo es (tienda, "
              "teléfono); sus puntos de contacto lo heredan.",
    },
    "Review.last_reviewed": {
        "en": "The date of the last review (YYYY-MM-DD).",
        "es": "La fecha de la última revisión (AAAA-MM-DD).",
    },
    "Review.cadence": {
        "en": "How often: 90d, 6w, 3m, 1y, monthly, quarterly, yearly…",
        "es": "Cada cuánto: 90d, 6w, 3m, 1y, mensual, trimestral, anual…",
    },
    "Review.owner": {"en": "Who reviews it.", "es": "Quién lo revisa."},
    "Endpoint.name": {"en": "What happens, in a few words.", "es": "Qué pasa, en pocas palabras."},
    "Endpoint.description": {"en": "More detail, if it helps.", "es": "Más detalle, si ayuda."},
    "Step.id": {
        "en": "The step's id, for 'next' to name; without it, the name made into a slug.",
        "es": "El id del paso, para nombrarlo en 'next'; si falta, el nombre convertido en slug.",
    },
    "Step.name": {"en": "What happens at this step.", "es": "Qué pasa en este paso."},
    "Step.stage": {
        "en": "The id of the stage the step belongs to.",
        "es": "El id de la etapa a la que pertenece el paso.",
    },
    "Step.description": {"en": "More detail, if it helps.", "es": "Más detalle, si ayuda."},
    "Step.participants": {
        "en": "The ids of the personas and participants who take part in this step.",
        "es": "Los ids de los buyer personas y participantes que intervienen en este paso.",
    },
    "Step.actions": {"en": "What the customer does.", "es": "Qué hace el cliente."},
    "Step.needs": {"en": "What the customer needs to go on.", "es": "Qué necesita para seguir."},
    "Step.thoughts": {"en": "What the customer thinks.", "es": "Qué piensa."},
    "Step.emotion": {
        "en": "How the customer feels, from -2 (very bad) to 2 (very good); a bare number is "
              "enough.",
        "es": "Cómo se siente, de -2 (muy mal) a 2 (muy bien); basta con el número.",
    },
    "Step.touchpoints": {
        "en": "Where the customer meets the brand; a bare name is enough.",
        "es": "Dónde se encuentra el cliente con la marca; basta con el nombre.",
    },
    "Step.pain_points": {
        "en": "What keeps the customer from moving on.",
        "es": "Lo que impide al cliente avanzar.",
    },
    "Step.opportunities": {
        "en": "How to improve the step; 'addresses' names the pain points and metrics it "
              "answers.",
        "es": "Cómo mejorar el paso; 'addresses' nombra los puntos de dolor y las métricas "
              "que resuelve.",
    },
    "Step.metrics": {
        "en": "What is measured here: what isn't measured can't be improved.",
        "es": "Qué se mide aquí: lo que no se mide no se puede mejorar.",
    },
    "Step.frontstage": {
        "en": "Frontstage: what staff or systems do in front of the customer, and who does it "
              "(the actor).",
        "es": "Primer plano (acciones visibles): lo que hacen el personal o los sistemas ante "
              "el cliente, y quién lo hace (el actor).",
    },
    "Step.backstage": {
        "en": "Backstage: what they do out of the customer's sight.",
        "es": "Acciones internas: lo que hacen fuera de la vista del cliente.",
    },
    "Step.support": {
        "en": "Support processes: the systems and partners behind them.",
        "es": "Procesos de apoyo: los sistemas y los socios que las sostienen.",
    },
    "Step.duration": {
        "en": "How long the step takes: an amount ('2 days') or a range ('1-3 days').",
        "es": "Cuánto dura el paso: una cantidad ('2 días') o un intervalo ('de 1 a 3 días').",
    },
    "Step.moment_of_truth": {
        "en": "true for a moment that makes or breaks the journey.",
        "es": "true si es un momento de la verdad, que decide el viaje.",
    },
    "Step.evidence": {
        "en": "observed, assumed or proposed: how much of this is known.",
        "es": "observed (observado), assumed (supuesto) o proposed (propuesto).",
    },
    "Step.next": {
        "en": "The ids of the steps that follow ('end' for the end point); without it, the "
              "next step in the list.",
        "es": "Los ids de los pasos siguientes ('end' para el punto final); si falta, el "
              "siguiente de la lista.",
    },
    "Emotion.score": {"en": "From -2 to 2.", "es": "De -2 a 2."},
    "Emotion.label": {"en": "A word for the feeling.", "es": "Una palabra para el sentimiento."},
    "Touchpoint.name": {"en": "The interaction.", "es": "La interacción."},
    "Touchpoint.channel": {
        "en": "Where it happens: one of the map's channels.",
        "es": "Dónde ocurre: uno de los canales del mapa.",
    },
    "Touchpoint.kind": {
        "en": "direct: the brand controls it; indirect: it does not (word of mouth, reviews).",
        "es": "direct: la marca lo controla; indirect: no (boca a boca, reseñas).",
    },
    "Touchpoint.online": {
        "en": "true online, false offline; without it, its channel's.",
        "es": "true si es online, false si no; si falta, lo que diga su canal.",
    },
    "Touchpoint.owner": {
        "en": "The team or person responsible for it.",
        "es": "El equipo o la persona responsable.",
    },
    "Touchpoint.external": {
        "en": "true when a third party runs it (a review site, a marketplace): nobody in the "
              "organisation owns it.",
        "es": "true si lo gestiona un tercero (una web de opiniones, un marketplace): nadie de "
              "la organización es su responsable.",
    },
    "Touchpoint.description": {"en": "More detail, if it helps.", "es": "Más detalle, si ayuda."},
    "Touchpoint.quality": {
        "en": "The six qualities of a good touchpoint, each from 1 (poor) to 5 (excellent).",
        "es": "Las seis cualidades de un buen punto de contacto, de 1 (mal) a 5 (excelente).",
    },
    "PainPoint.id": {
        "en": "An id, for an opportunity to address it.",
        "es": "Un id, para que una oportunidad lo resuelva.",
    },
    "PainPoint.text": {"en": "The obstacle.", "es": "El obstáculo."},
    "PainPoint.severity": {"en": "low, medium or high.", "es": "low, medium o high."},
    "Opportunity.id": {"en": "An id, if it helps.", "es": "Un id, si ayuda."},
    "Opportunity.text": {"en": "The improvement.", "es": "La mejora."},
    "Opportunity.owner": {"en": "Who acts on it.", "es": "Quién la lleva a cabo."},
    "Opportunity.priority": {"en": "low, medium or high.", "es": "low, medium o high."},
    "Opportunity.lever": {
        "en": "automation, personalization or contextual.",
        "es": "automation (automatizar), personalization (personalizar) o contextual.",
    },
    "Opportunity.addresses": {
        "en": "The ids of the pain points and metrics it answers.",
        "es": "Los ids de los puntos de dolor y las métricas que resuelve.",
    },
    "Metric.id": {
        "en": "An id, for an opportunity to address it.",
        "es": "Un id, para que una oportunidad la nombre.",
    },
    "Metric.name": {"en": "What is measured.", "es": "Qué se mide."},
    "Metric.kind": {
        "en": "nps, csat, ces, conversion, count or custom.",
        "es": "nps, csat, ces, conversion, count o custom.",
    },
    "Metric.actual": {"en": "The figure today.", "es": "La cifra de hoy."},
    "Metric.target": {"en": "The figure to reach.", "es": "La cifra que se quiere alcanzar."},
    "Metric.unit": {"en": "The unit of the figures.", "es": "La unidad de las cifras."},
    "Metric.as_of": {
        "en": "The day 'actual' was measured (YYYY-MM-DD).",
        "es": "El día en que se midió 'actual' (AAAA-MM-DD).",
    },
    "Metric.history": {
        "en": "Earlier measurements, so the map keeps them.",
        "es": "Las mediciones anteriores, para que el mapa las conserve.",
    },
    "Measurement.as_of": {"en": "The day of the measurement.", "es": "El día de la medición."},
    "Measurement.actual": {"en": "The figure that day.", "es": "La cifra de ese día."},
    "Action.text": {"en": "What is done.", "es": "Qué se hace."},
    "Action.actor": {
        "en": "The team, role or system that does it.",
        "es": "El equipo, el rol o el sistema que lo hace.",
    },
    "Metric.source": {"en": "Where the figure comes from.", "es": "De dónde sale la cifra."},
    "Metric.better": {
        "en": "higher or lower: which way is better.",
        "es": "higher (más es mejor) o lower (menos es mejor).",
    },
}

# The commented examples of a full skeleton: what a map may write instead of what it shows
# (several personas, a persona file, its own stages) or beside it; each introduces an example.
EXAMPLES: dict[str, dict[Lang, str]] = {
    "personas": {
        "en": "Several personas instead of one, each with an id (a step's emotion may then be "
              "given per persona):",
        "es": "Varios buyer personas en lugar de uno, cada uno con su id (la emoción de un paso "
              "puede darse entonces por persona):",
    },
    "persona_ref": {
        "en": "Or a persona kept in a file of the repository, shared by several maps (keys "
              "written beside 'ref' override the file's):",
        "es": "O un buyer persona guardado en un archivo del repositorio y compartido por "
              "varios mapas (las claves escritas junto a 'ref' mandan sobre las del archivo):",
    },
    "stages": {
        "en": "Or your own stages, in order: each may say its name, goal and phase, and list "
              "the touchpoints of the stage as a whole, as a touchpoint audit does:",
        "es": "O unas etapas propias, en orden: cada una puede decir su nombre, su objetivo y "
              "su fase, y los puntos de contacto de la etapa entera, como en una auditoría de "
              "puntos de contacto:",
    },
    "emotion": {
        "en": "With several personas, one emotion each, by persona id:",
        "es": "Con varios buyer personas, una emoción para cada uno, por su id:",
    },
    "future": {
        "en": "A future-state map names the current-state map it improves (a file beside this "
              "one, or a map's id); 'cjmap diff' and the HTML page then compare the two:",
        "es": "Un mapa del estado futuro nombra el mapa del estado actual que mejora (un archivo "
              "junto a este, o el id de un mapa); 'cjmap diff' y la página HTML comparan los dos:",
    },
    "replaces": {
        "en": "In a future-state map, the steps of the current map this step replaces (none: "
              "a new step; left out: the current step with the same id):",
        "es": "En un mapa del estado futuro, los pasos del mapa actual a los que sustituye este "
              "paso (ninguno: un paso nuevo; sin la clave: el paso actual con el mismo id):",
    },
    "next": {
        "en": "A branch, to steps or stages (their first step), with a label on each arrow "
              "that says why or when:",
        "es": "Una bifurcación, a pasos o a etapas (su primer paso), con una etiqueta en cada "
              "flecha que dice por qué o cuándo:",
    },
}

# The header of every new map: {stages} is the stage model's name, {command} how to check it.
HEADER: dict[Lang, str] = {
    "en": "A customer journey map in the cjmap format. Replace the placeholders with what "
          "research tells you, delete what does not apply, and run 'cjmap lint' to see what is "
          "still missing. The format: https://github.com/cjmap/cjmap/blob/main/docs/format.md",
    "es": "Un mapa de viaje del cliente en el formato cjmap. Sustituye los textos de ejemplo por "
          "lo que te diga la investigación, borra lo que no proceda y ejecuta 'cjmap lint' para "
          "ver qué falta. El formato: https://github.com/cjmap/cjmap/blob/main/docs/format.md",
}

# Placeholder texts; {stage} is a stage's name in the map's language.
TEXT: dict[str, dict[Lang, str]] = {
    "title": {"en": "Customer journey", "es": "Viaje del cliente"},
    "persona": {"en": "Alex, the customer", "es": "Alex, el cliente"},
    "description": {
        "en": "Which customers, which product or service, and where the journey starts and ends.",
        "es": "Qué clientes, qué producto o servicio, y dónde empieza y acaba el viaje.",
    },
    "owner": {"en": "Customer experience team", "es": "Equipo de experiencia de cliente"},
    "tag": {"en": "customer-journey", "es": "viaje-del-cliente"},
    "persona_description": {
        "en": "Age, situation, and what they care about when they buy.",
        "es": "Edad, situación y qué le importa al comprar.",
    },
    "segment": {"en": "The segment this persona stands for", "es": "El segmento que representa"},
    "goal": {"en": "What they want to achieve", "es": "Lo que quiere conseguir"},
    "persona_need": {"en": "What they need from us", "es": "Lo que necesita de nosotros"},
    "objective": {
        "en": "Find where customers give up, and why",
        "es": "Descubrir dónde abandonan los clientes, y por qué",
    },
    "timeframe": {"en": "3 weeks", "es": "3 semanas"},
    "channel_web": {"en": "Website", "es": "Web"},
    "channel_web_description": {
        "en": "Our website and online shop", "es": "Nuestra web y la tienda online",
    },
    "channel_email": {"en": "Email", "es": "Correo electrónico"},
    "channel_shop": {"en": "Shop", "es": "Tienda"},
    "channel_reviews": {"en": "Review sites", "es": "Webs de opiniones"},
    "second_persona": {"en": "Sam, who will use it", "es": "Sam, que lo usará"},
    "second_persona_id": {"en": "sam", "es": "sam"},
    "current_map_file": {"en": "current-state.yaml", "es": "estado-actual.yaml"},
    "participant": {
        "en": "The manager who approves the purchase", "es": "La responsable que aprueba la compra",
    },
    "participant_id": {"en": "manager", "es": "responsable"},
    "participant_description": {
        "en": "Signs off the expense before the customer can buy.",
        "es": "Da el visto bueno al gasto antes de que el cliente compre.",
    },
    "stage_description": {
        "en": "What happens in this stage.", "es": "Qué pasa en esta etapa.",
    },
    "cadence": {"en": "quarterly", "es": "trimestral"},
    "start": {"en": "The need arises", "es": "Surge la necesidad"},
    "start_description": {
        "en": "What happens before the customer thinks of us.",
        "es": "Lo que pasa antes de que el cliente piense en nosotros.",
    },
    "end": {"en": "The customer is done", "es": "El cliente ha terminado"},
    "end_description": {
        "en": "What the customer has achieved at the end.",
        "es": "Lo que ha conseguido el cliente al final.",
    },
    "step": {"en": "{stage} — what the customer does", "es": "{stage} — lo que hace el cliente"},
    "step_description": {
        "en": "Where they are, and what leads them here.",
        "es": "Dónde está y qué le ha traído hasta aquí.",
    },
    "action": {"en": "What the customer does", "es": "Lo que hace el cliente"},
    "need": {"en": "What the customer needs to go on", "es": "Lo que necesita para seguir"},
    "thought": {"en": "What the customer thinks", "es": "Lo que piensa el cliente"},
    "feeling": {"en": "unsure", "es": "inseguro"},
    "touchpoint": {"en": "Where the customer meets us", "es": "Donde el cliente nos encuentra"},
    "touchpoint_description": {
        "en": "What the customer sees or hears there.",
        "es": "Lo que el cliente ve u oye ahí.",
    },
    "review_touchpoint": {
        "en": "Reviews by other customers", "es": "Opiniones de otros clientes",
    },
    "frontstage": {
        "en": "Answers the customer's questions in the chat",
        "es": "Responde a las preguntas del cliente en el chat",
    },
    "frontstage_actor": {"en": "Customer service", "es": "Atención al cliente"},
    "backstage": {"en": "Checks stock and delivery dates", "es": "Comprueba el stock y los plazos"},
    "backstage_actor": {"en": "Sales team", "es": "Equipo comercial"},
    "support": {
        "en": "Keeps the product catalogue up to date",
        "es": "Mantiene al día el catálogo de productos",
    },
    "support_actor": {"en": "Catalogue system", "es": "Sistema de catálogo"},
    "pain_point": {"en": "What gets in the way", "es": "Lo que se lo pone difícil"},
    "pain_point_id": {"en": "first-obstacle", "es": "primer-obstaculo"},
    "opportunity": {"en": "How we could remove it", "es": "Cómo podríamos quitarlo"},
    "opportunity_id": {"en": "first-improvement", "es": "primera-mejora"},
    "metric": {"en": "How we measure {stage}", "es": "Cómo medimos {stage}"},
    "metric_id": {"en": "first-satisfaction", "es": "primera-satisfaccion"},
    "next_label": {"en": "wants to compare first", "es": "quiere comparar antes"},
    "skip_label": {"en": "already knows what they want", "es": "ya sabe lo que quiere"},
    "metric_source": {"en": "Where the figure comes from", "es": "De dónde sale la cifra"},
    "duration": {"en": "1-3 days", "es": "de 1 a 3 días"},
}
