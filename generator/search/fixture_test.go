package search_test

import "handbook/generator/search"

// handbook is a slice of the real handbook (../shared/source/
// key-account-sales-policy.txt), split into clauses the way the page
// builder does: one Doc per section, and one per item of the 奖惩办法 lists.
func handbook() []search.Doc {
	const (
		ch1 = "第一章:大客户部门职能"
		ch3 = "第三章:职务说明书"
		ch5 = "第五章:大客户部工作流程"
		ch6 = "第六章:大客户部员工的工作绩效考核办法"
		ch7 = "第七章 大客户部保密制度"
	)
	docs := []search.Doc{
		{URL: "/latest/functions/", Chapter: ch1, Heading: ch1, Anchor: "第一章大客户部门职能", Level: 1},
		{URL: "/latest/functions/", Chapter: ch1, Heading: "一、部门职能", Anchor: "一部门职能", Level: 2, Text: "部门本职:\n" +
			"1、对市场部拓展区域内的企业、事业、部委等客户进行拓展推广服务;\n" +
			"2、组织完成本部门各项目标,并确保时效性;\n" +
			"3、组织对具有需求量大、持续购买周期长特征的政府采购用户、企业用户进行公共关系维护;\n" +
			"4、协助市场部各项目经理,进行大客户商户洽谈;\n" +
			"主要职责:\n" +
			"1、制定每月、季度、年度拓展计划,进行目标分解,并执行实施;\n" +
			"2、大客户人员每周、每月、季度任务制定与监督;\n" +
			"4、建立客户资料档案、收集大客户信息\n" +
			"8、制定部门人员的提成方案,每月制作人员的提成结算预案;"},
		{URL: "/latest/positions/", Chapter: ch3, Heading: ch3, Anchor: "第三章职务说明书", Level: 1, Text: "直接上级:市场总监\n直接下级:大客户总监\n本职工作:完成销售目标\n职位职责:\n" +
			"1、负责部门工作计划、目标的制定、检查、以及部门员工的考评工作;\n" +
			"3、负责大客户具体业务的决策工作,签订政府采购合同、大用户单位购车合同;\n" +
			"15、时时与市场总监沟通工作进展,每月向行政主管副总经理,提交工作报告;"},
		{URL: "/latest/positions/", Chapter: ch3, Heading: "B、内勤", Anchor: "b内勤", Level: 2, Text: "直接上级:大客户总监\n本职工作:协助大客户总监对日常工作及大客户部日常的内务工作。\n职位责任:\n" +
			"1、负责档案管理,包括留存客户信息和活动信息,建立电子档案;起草审核相关业务协议、通知、传真等文件,处理来往函。\n" +
			"2、负责搜集政府采购信息,制作投标文件,参与投标过程;\n" +
			"3、负责向已合作的大客户进行后期维护。\n" +
			"4、负责制作大客户月报进行绩效分析,提报上级领导。"},
		{URL: "/latest/positions/", Chapter: ch3, Heading: "C、大客户员", Anchor: "c大客户员", Level: 2, Text: "直接上级:大客户总监\n本职工作:\n对瑞送项目产品推广、大客户的拓展、接待、洽谈。\n" +
			"3、定期参加产品知识培训、洽谈技巧培训以及和销售工作有关的其他培训;"},
		{URL: "/latest/workflow/", Chapter: ch5, Heading: ch5, Anchor: "第五章大客户部工作流程", Level: 1},
		{URL: "/latest/workflow/", Chapter: ch5, Heading: "一、工作流程的统一规定", Anchor: "一工作流程的统一规定", Level: 2},
		{URL: "/latest/workflow/", Chapter: ch5, Heading: "二、政府采购的工作流程", Anchor: "二政府采购的工作流程", Level: 2},
		{URL: "/latest/workflow/", Chapter: ch5, Heading: "三、外拓工作流程", Anchor: "三外拓工作流程", Level: 2},
		{URL: "/latest/performance/", Chapter: ch6, Heading: "一、考核目的", Anchor: "一考核目的", Level: 2, Text: "不断提高员工的职业能力,改进工作绩效;实员工工作主动性、有效性的自我提成;认同、强化员工已有的正确行为,克服在考核中发现的低效率行为。"},
		{URL: "/latest/performance/", Chapter: ch6, Heading: "二、绩效管理核心价值", Anchor: "二绩效管理核心价值", Level: 2, Text: "1、绩效管理是实现部门目标及公司发展战略的基础管理保障;不是简单的打分评级\n2、绩效管理是促进业务目标达成的必要手段;不是工作负担。\n3、绩效管理是所有管理者的基本职责之一。\n4、管理者与下属持续的沟通是达成绩效管理效果的必要途径。"},
		{URL: "/latest/performance/", Chapter: ch6, Heading: "三、考核的原则", Anchor: "三考核的原则", Level: 2, Text: "公平、公正、公开"},
		{URL: "/latest/performance/", Chapter: ch6, Heading: "(一)具体考核指标", Anchor: "销售人员考核指标", Level: 3, Text: "(具体标准见《市场部人员月度考核表》)\n" +
			"1、业绩考评:(60分)销售业绩与业绩目标达成率。销售人员的责任就是创造业绩,因此,衡量销售成果是否与预定目标相符成为关键因素。\n" +
			"2、能力考核(20分)知识技能、销售技巧、销售业务流程、协调配合能力\n" +
			"3、态度考核:(20分)纪律性、积极性、责任感、服务态度"},
	}
	sales := []string{
		"得分在(95——100)分的员工,表现突出,当月绩效工资按105%发放。",
		"得分在(90——94)分的员工,当月绩效工资按100%发放。",
		"得分在(60——89)分的员工,当月绩效工资按相应分数比例发放。(举例:绩效工资1500元,考核得分80分,当月绩效工资=2000*80℅)",
		"得分在60分以下的员工,工作表现不合格,不予发放绩效工资。三个月排名倒数第一人员,公司将进行末位淘汰。",
		"额外奖金:当月部门业绩目标完成情况下,按月考核表的情况发放绩效工资,不另发放额外奖金;当月部门业绩目标超额完成(完成本月挑战目标),额外发放绩效工资5%的奖金;当月部门业绩目标未完成,额外扣除当月绩效工资5%的提成。",
		"每月具体的绩效工资的提成方案由大客户部起草后报总经理批准为执行依据。",
		"举例::本期考核得分88分,当月绩效工资为3000元,绩效奖发放:3000*88℅=2640元;部门业绩目标超额完成,额外奖金:2640*5℅=132元;本月应发全部奖金为:2640元+132元=2772元",
	}
	docs = append(docs, search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "(二)奖惩办法", Anchor: "销售人员奖惩办法", Level: 3})
	for i, t := range sales {
		docs = append(docs, search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "(二)奖惩办法", Anchor: "销售人员奖惩办法." + itoa(i+1), Level: 4, Text: t})
	}
	docs = append(docs,
		search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "大客户内勤月度绩效考核办法", Anchor: "大客户内勤月度绩效考核办法", Level: 2},
		search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "(一)具体考核指标", Anchor: "内勤考核指标", Level: 3, Text: "(具体标准见《员工月度考核表》(表二))\n" +
			"1、工作量:(20分)对内勤每个工作日的具体工作内容进行考核。\n" +
			"2、工作态度:(30分)纪律性、礼仪规范、团队精神与全局意识。\n" +
			"3、工作能力:(40分)专业能力、创新能力、沟通协调能力。\n" +
			"4、工作效果:(10分)本职工作的完成情况。"},
		search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "(二)奖惩办法", Anchor: "内勤奖惩办法", Level: 3},
	)
	clerk := []string{
		"得分在(95——100)分:表现突出,当月绩效工资按105%发放。",
		"得分在(90——94)分:当月绩效工资按100%发放。",
		"得分在(60——89)分:当月绩效工资按相应分数比例发放。(举例:绩效奖金500元,考核得分80分,当月绩效工资=500*80℅)",
		"得分在60分以下的员工,工作表现不合格,不予发放绩效工资。",
		"额外奖金:当月部门业绩目标完成情况下,按月考核表的情况发放绩效工资,不另发放额外奖金;当月部门业绩目标超额完成(完成本月挑战目标),额外发放绩效工资5%的奖金;当月部门业绩目标未完成,额外扣除当月绩效工资5%的提成。",
		"每月绩效工资基数按销售部内勤提成方式执行。",
		"举例:本期考核得分88分,当月绩效奖为1000元,绩效奖发放:1000*88℅=880元;部门业绩目标超额完成,额外奖金:880*5℅=44元。本月应发全部奖金为:880元+44元=924元",
	}
	for i, t := range clerk {
		docs = append(docs, search.Doc{URL: "/latest/performance/", Chapter: ch6, Heading: "(二)奖惩办法", Anchor: "内勤奖惩办法." + itoa(i+1), Level: 4, Text: t})
	}
	docs = append(docs, search.Doc{URL: "/latest/confidentiality/", Chapter: ch7, Heading: ch7, Anchor: "第七章-大客户部保密制度", Level: 1,
		Text: "公司各项管理制度及客户信息档案属于公司的保密事项。大客户部全体员工对于公司各项管理制度及客户信息档案负有对外保密义务。因个人原因而泄漏公司秘密,造成严重后果的,须承担相应的法律责任。"})
	return docs
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}
